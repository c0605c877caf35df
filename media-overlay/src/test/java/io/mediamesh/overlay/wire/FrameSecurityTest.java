package io.mediamesh.overlay.wire;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static io.mediamesh.testsupport.ByteVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FrameSecurityTest {
    private static final byte[] SECRET = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final NodeId SENDER = NodeId.of(1, 3);

    @Test
    void hkdfMatchesRfc5869TestCase1() {
        byte[] okm = OverlayKeys.hkdfSha256(hex("000102030405060708090a0b0c"),
                hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), hex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertThat(toHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                + "34007208d5b887185865");
    }

    @Test
    void hkdfMatchesRfc5869TestCase3WithoutSaltAndInfo() {
        byte[] okm = OverlayKeys.hkdfSha256(new byte[0], hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                new byte[0], 42);
        assertThat(toHex(okm)).isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                + "9d201395faa4b61a96c8");
    }

    @Test
    void frameKeysAreTheFirst48HkdfBytesSplitIntoAesAndHmacKeys() {
        byte[] okm = OverlayKeys.hkdfSha256(new byte[0], SECRET,
                OverlayKeys.LABEL.getBytes(StandardCharsets.US_ASCII), 48);
        FrameKeys keys = OverlayKeys.frameKeys(SECRET);
        assertThat(keys.encryption()).isEqualTo(Arrays.copyOfRange(okm, 0, 16));
        assertThat(keys.authentication()).isEqualTo(Arrays.copyOfRange(okm, 16, 48));
        assertThat(keys).hasToString("FrameKeys[redacted]");
    }

    /**
     * The expected frame is computed here with plain JCE, independently of {@code FrameCipher}: AES/CTR/NoPadding from
     * the initial counter block {@code sender || counter || 0}, then HmacSHA256 over header || ciphertext, truncated.
     */
    @Test
    void sealedFrameMatchesAnIndependentCtrThenHmacComputation() throws Exception {
        FrameKeys keys = OverlayKeys.frameKeys(SECRET);
        byte[] body = new byte[1100];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7 + 3);
        }
        FrameSealer sealer = new FrameSealer(keys, SENDER, 5);
        sealer.body().writeBytes(body);
        ByteBuf frame = sealer.seal(0, FrameType.CHANNEL_DATA, ByteBufAllocator.DEFAULT);
        try {
            byte[] header = hex("02" + toHex(new byte[] {(byte) FrameType.CHANNEL_DATA}) + "0000 00000103 0000000000000005");
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.encryption(), "AES"),
                    new IvParameterSpec(hex("00000103 0000000000000005 00000000")));
            byte[] ciphertext = ctr.doFinal(body);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.authentication(), "HmacSHA256"));
            mac.update(header);
            byte[] tag = Arrays.copyOf(mac.doFinal(ciphertext), 16);
            assertThat(toHex(frame)).isEqualTo(toHex(header) + toHex(ciphertext) + toHex(tag));

            FrameOpener opener = new FrameOpener(keys);
            assertThat(opener.open(frame)).isEqualTo(OpenResult.OK);
            assertThat(opener.type()).isEqualTo(FrameType.CHANNEL_DATA);
            assertThat(opener.sender()).isEqualTo(SENDER.value());
            assertThat(opener.counter()).isEqualTo(5);
            assertThat(ByteBufUtil.getBytes(opener.body())).isEqualTo(body);
        } finally {
            frame.release();
        }
    }

    @Test
    void pingRoundTrips() {
        FrameKeys keys = OverlayKeys.frameKeys(SECRET);
        ByteBuf frame = new FrameSealer(keys, SENDER, 5).seal(0, new Ping(42, 1_000_000), ByteBufAllocator.DEFAULT);
        try {
            FrameOpener opener = new FrameOpener(keys);
            assertThat(opener.open(frame)).isEqualTo(OpenResult.OK);
            assertThat(opener.type()).isEqualTo(FrameType.PING);
            assertThat(Ping.decode(opener.body())).isEqualTo(new Ping(42, 1_000_000));
        } finally {
            frame.release();
        }
    }

    /** Every single-bit flip anywhere in a frame (header, ciphertext, tag) is caught before decryption. */
    @Test
    void everyBitFlipIsRejected() {
        FrameKeys keys = OverlayKeys.frameKeys(SECRET);
        ByteBuf frame = new FrameSealer(keys, SENDER, 9).seal(9, new Pong(7, 8), ByteBufAllocator.DEFAULT);
        try {
            for (int bit = 0; bit < frame.readableBytes() * 8; bit++) {
                ByteBuf copy = Unpooled.copiedBuffer(frame);
                copy.setByte(bit / 8, copy.getByte(bit / 8) ^ (1 << (bit % 8)));
                assertThat(new FrameOpener(keys).open(copy)).as("bit %d", bit)
                        .isIn(OpenResult.UNAUTHENTICATED, OpenResult.MALFORMED);
                copy.release();
            }
            assertThat(new FrameOpener(keys).open(frame)).isEqualTo(OpenResult.OK);
        } finally {
            frame.release();
        }
    }

    /**
     * Sealing and opening allocate only JCE's counter-mode re-initialisation (about 110 bytes each; AES-GCM cost about
     * 830 bytes per seal and more per open): a regression guard on the design, not a timing, measured with the JVM's
     * per-thread allocation counter around 10,000 frames after warm-up.
     */
    @Test
    void sealAndOpenDoNotAllocate() {
        FrameKeys keys = OverlayKeys.frameKeys(SECRET);
        FrameSealer sealer = new FrameSealer(keys, SENDER, 1);
        FrameOpener opener = new FrameOpener(keys);
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[2048]);
        FixedBufferAllocator allocator = new FixedBufferAllocator(frame);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = 0;
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                before = threads.getCurrentThreadAllocatedBytes();
            }
            for (int i = 0; i < 10_000; i++) {
                ByteBuf body = sealer.body();
                body.writerIndex(1200);
                frame.clear();
                sealer.seal(i + 10L + round * 10_000L, FrameType.CHANNEL_DATA, allocator);
                if (opener.open(frame) != OpenResult.OK) {
                    throw new AssertionError("frame " + i + " did not open");
                }
            }
        }
        long perFrame = (threads.getCurrentThreadAllocatedBytes() - before) / 10_000;
        assertThat(perFrame).as("bytes allocated per seal + open").isLessThan(300);
    }

    @Test
    void countersIncreaseAndFollowTheClock() {
        FrameSealer sealer = new FrameSealer(OverlayKeys.frameKeys(SECRET), SENDER, 1000);
        release(sealer.seal(1000, new Unsubscribe(new ChannelId(1)), ByteBufAllocator.DEFAULT));
        assertThat(sealer.counter()).isEqualTo(1000);
        release(sealer.seal(1000, new Unsubscribe(new ChannelId(1)), ByteBufAllocator.DEFAULT));
        assertThat(sealer.counter()).isEqualTo(1001);
        release(sealer.seal(5000, new Unsubscribe(new ChannelId(1)), ByteBufAllocator.DEFAULT));
        assertThat(sealer.counter()).isEqualTo(5000);
    }

    @Test
    void wrongSecretTamperingAndReplaysAreRejected() {
        FrameKeys key = OverlayKeys.frameKeys(SECRET);
        FrameKeys otherKey = OverlayKeys.frameKeys("another cluster secret!".getBytes(StandardCharsets.UTF_8));
        FrameSealer sealer = new FrameSealer(key, SENDER, 100);
        FrameOpener opener = new FrameOpener(key);
        ByteBuf first = sealer.seal(100, new Ping(1, 100), ByteBufAllocator.DEFAULT);
        ByteBuf second = sealer.seal(101, new Ping(2, 101), ByteBufAllocator.DEFAULT);
        try {
            assertThat(new FrameOpener(otherKey).open(first)).isEqualTo(OpenResult.UNAUTHENTICATED);
            ByteBuf tampered = Unpooled.copiedBuffer(first);
            tampered.setByte(20, tampered.getByte(20) ^ 1);
            assertThat(opener.open(tampered)).isEqualTo(OpenResult.UNAUTHENTICATED);
            ByteBuf headerChanged = Unpooled.copiedBuffer(first);
            headerChanged.setByte(1, FrameType.PONG);
            assertThat(opener.open(headerChanged)).isEqualTo(OpenResult.UNAUTHENTICATED);

            assertThat(opener.open(second)).isEqualTo(OpenResult.OK);
            assertThat(opener.open(first)).as("older but inside the window").isEqualTo(OpenResult.OK);
            assertThat(opener.open(first)).isEqualTo(OpenResult.REPLAYED);
            assertThat(opener.open(second)).isEqualTo(OpenResult.REPLAYED);

            assertThat(opener.open(buf("0202000000000103"))).isEqualTo(OpenResult.MALFORMED);
            assertThat(opener.open(buf("0902000000000103 0000000000000005" + "00".repeat(16))))
                    .isEqualTo(OpenResult.MALFORMED);
            assertThat(opener.open(buf("0202000000000000 0000000000000005" + "00".repeat(16))))
                    .isEqualTo(OpenResult.MALFORMED);
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void opensDirectBuffersToo() {
        FrameKeys key = OverlayKeys.frameKeys(SECRET);
        ByteBuf heap = new FrameSealer(key, SENDER, 7).seal(7, new Pong(9, 3), ByteBufAllocator.DEFAULT);
        ByteBuf direct = Unpooled.directBuffer().writeBytes(heap);
        heap.release();
        FrameOpener opener = new FrameOpener(key);
        assertThat(opener.open(direct)).isEqualTo(OpenResult.OK);
        assertThat(Pong.decode(opener.body())).isEqualTo(new Pong(9, 3));
        direct.release();
    }

    @Test
    void replayWindowSlides() {
        ReplayWindow window = new ReplayWindow();
        assertThat(window.mayAccept(1000)).isTrue();
        window.accept(1000);
        assertThat(window.mayAccept(1000)).isFalse();
        assertThat(window.mayAccept(999)).isTrue();
        assertThat(window.mayAccept(1000 - 63)).isTrue();
        assertThat(window.mayAccept(1000 - 64)).as("too old").isFalse();
        window.accept(1070);
        assertThat(window.mayAccept(1000)).isFalse();
        assertThat(window.mayAccept(1069)).isTrue();
        window.accept(1069);
        assertThat(window.mayAccept(1069)).isFalse();
        assertThat(window.highest()).isEqualTo(1070);
    }

    private static void release(ByteBuf buf) {
        buf.release();
    }
}
