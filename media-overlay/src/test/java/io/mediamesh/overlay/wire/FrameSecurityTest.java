package io.mediamesh.overlay.wire;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static io.mediamesh.testsupport.ByteVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
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

    /** Expected bytes computed independently with Python's {@code cryptography} (HKDF + AESGCM). */
    @Test
    void sealedPingMatchesAnIndependentAesGcmVector() {
        SecretKey key = OverlayKeys.frameKey(SECRET);
        assertThat(toHex(key.getEncoded())).isEqualTo("e8ddf8e317903ef8090a43e9bb322af1");
        FrameSealer sealer = new FrameSealer(key, SENDER, 5);
        ByteBuf frame = sealer.seal(0, new Ping(42, 1_000_000), ByteBufAllocator.DEFAULT);
        try {
            assertThat(toHex(frame)).isEqualTo("""
                    01020000 00000103 00000000 00000005\
                    c7ff2f127068f2847933689f\
                    f7fbbe990bbe294d0932433d1b306abe""".replace(" ", ""));
            FrameOpener opener = new FrameOpener(key);
            assertThat(opener.open(frame)).isEqualTo(OpenResult.OK);
            assertThat(opener.type()).isEqualTo(FrameType.PING);
            assertThat(opener.sender()).isEqualTo(SENDER.value());
            assertThat(opener.counter()).isEqualTo(5);
            assertThat(Ping.decode(opener.body())).isEqualTo(new Ping(42, 1_000_000));
        } finally {
            frame.release();
        }
    }

    @Test
    void countersIncreaseAndFollowTheClock() {
        FrameSealer sealer = new FrameSealer(OverlayKeys.frameKey(SECRET), SENDER, 1000);
        release(sealer.seal(1000, new Unsubscribe(new ChannelId(1)), ByteBufAllocator.DEFAULT));
        assertThat(sealer.counter()).isEqualTo(1000);
        release(sealer.seal(1000, new Unsubscribe(new ChannelId(1)), ByteBufAllocator.DEFAULT));
        assertThat(sealer.counter()).isEqualTo(1001);
        release(sealer.seal(5000, new Unsubscribe(new ChannelId(1)), ByteBufAllocator.DEFAULT));
        assertThat(sealer.counter()).isEqualTo(5000);
    }

    @Test
    void wrongSecretTamperingAndReplaysAreRejected() {
        SecretKey key = OverlayKeys.frameKey(SECRET);
        SecretKey otherKey = OverlayKeys.frameKey("another cluster secret!".getBytes(StandardCharsets.UTF_8));
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

            assertThat(opener.open(buf("0102000000000103"))).isEqualTo(OpenResult.MALFORMED);
            assertThat(opener.open(buf("0902000000000103 0000000000000005" + "00".repeat(16))))
                    .isEqualTo(OpenResult.MALFORMED);
            assertThat(opener.open(buf("0102000000000000 0000000000000005" + "00".repeat(16))))
                    .isEqualTo(OpenResult.MALFORMED);
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void opensDirectBuffersToo() {
        SecretKey key = OverlayKeys.frameKey(SECRET);
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
