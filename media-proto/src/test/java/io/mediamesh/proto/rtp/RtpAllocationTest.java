package io.mediamesh.proto.rtp;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/** The per-packet path (wrap, find, visit, remap) must not allocate. */
class RtpAllocationTest {
    private static final int ITERATIONS = 200_000;
    private static long sink;

    private static void visit(int id, int offset, int length) {
        sink += id + offset + length;
    }

    @Test
    void hotPathAllocatesNothingPerPacket() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs per-thread allocation counters");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        ByteBuf packet = buf(RtpPacketViewTest.ONE_BYTE_EXTENSION);
        ByteBuf out = Unpooled.buffer(256);
        RtpPacketView view = new RtpPacketView();
        RtpPacketView.ExtensionVisitor visitor = RtpAllocationTest::visit;
        byte[] idMap = new byte[16];
        idMap[2] = 4;
        idMap[5] = 5;
        run(packet, out, view, visitor, idMap);

        long before = threads.getCurrentThreadAllocatedBytes();
        run(packet, out, view, visitor, idMap);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // A single allocation per packet would be at least 16 bytes x 200,000; allow a little noise.
        assertThat(allocated).isLessThan(64 * 1024);
        assertThat(sink).isNotZero();
    }

    private static void run(ByteBuf packet, ByteBuf out, RtpPacketView view, RtpPacketView.ExtensionVisitor visitor,
            byte[] idMap) {
        for (int i = 0; i < ITERATIONS; i++) {
            view.wrap(packet);
            sink += view.findExtension(5) + view.extensionLength(2) + view.payloadLength() + view.ssrc();
            view.forEachExtension(visitor);
            view.setSequenceNumber(i);
            out.clear();
            sink += RtpHeaderExtensions.writeRemapped(view, idMap, out);
        }
    }
}
