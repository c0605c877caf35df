package io.mediamesh.core.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Measures the hot path: heap bytes allocated and time per 1200-byte packet for protect + unprotect. Only a
 * loose allocation bound is asserted (time on a shared CI box is too noisy); the numbers are printed.
 *
 * <p>{@link SrtpSession} itself allocates nothing per packet. jitsi-srtp does: debug-log lambdas and, depending on
 * which AES provider its start-up benchmark elects (OpenSSL or SunJCE), JCE cipher state. About 250 bytes per
 * protect + unprotect pair were measured with OpenSSL elected; the SunJCE GCM decryptor also copies its input.
 * The bound below therefore only catches regressions that copy whole packets more than once.
 */
class SrtpSessionCostTest {
    private static final int PACKETS = 40_000;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void steadyStateCostStaysBounded(SrtpProfile profile) {
        byte[] material = new byte[profile.keyingMaterialLength()];
        new Random(7).nextBytes(material);
        try (SrtpSession sender = SrtpSession.create(SrtpKeys.fromExporter(profile, material, false));
             SrtpSession receiver = SrtpSession.create(SrtpKeys.fromExporter(profile, material, true))) {
            ByteBuf packet = Unpooled.buffer(1200 + sender.maxOverhead());
            runRound(sender, receiver, packet, 0); // warm-up: JIT, native cipher selection, contexts
            runRound(sender, receiver, packet, PACKETS);

            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long bytesBefore = threads.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            runRound(sender, receiver, packet, 2 * PACKETS);
            long elapsed = System.nanoTime() - start;
            long allocated = threads.getThreadAllocatedBytes(thread) - bytesBefore;

            double nanosPerPacket = elapsed / (double) PACKETS;
            double bytesPerPacket = allocated / (double) PACKETS;
            System.out.printf("%s: protect+unprotect of 1200 bytes: %.0f ns, %.1f bytes allocated per packet%n",
                    profile, nanosPerPacket, bytesPerPacket);
            assertThat(bytesPerPacket).isLessThan(2048);
        }
    }

    private static void runRound(SrtpSession sender, SrtpSession receiver, ByteBuf packet, int firstSeq) {
        for (int i = 0; i < PACKETS; i++) {
            int seq = (firstSeq + i) & 0xFFFF;
            packet.clear().writeByte(0x80).writeByte(96).writeShort(seq).writeInt(i).writeInt(0xABCDEF01)
                    .writerIndex(1200);
            if (!sender.protectRtp(packet) || !receiver.unprotectRtp(packet)) {
                throw new AssertionError("round trip failed at " + i);
            }
        }
    }
}
