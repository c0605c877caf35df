package io.mediamesh.core.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpSessionTest {

    /** Two sessions keyed like the two ends of one DTLS-SRTP association. */
    private record Pair(SrtpSession client, SrtpSession server) implements AutoCloseable {
        static Pair of(SrtpProfile profile) {
            byte[] material = new byte[profile.keyingMaterialLength()];
            new Random(profile.id()).nextBytes(material);
            return new Pair(SrtpSession.create(SrtpKeys.fromExporter(profile, material, false)),
                    SrtpSession.create(SrtpKeys.fromExporter(profile, material, true)));
        }

        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    private static ByteBuf rtp(int seq, int ssrc, int payloadLength, int room) {
        ByteBuf buf = Unpooled.buffer(12 + payloadLength + room);
        buf.writeByte(0x80).writeByte(111).writeShort(seq).writeInt(seq * 960).writeInt(ssrc);
        for (int i = 0; i < payloadLength; i++) {
            buf.writeByte(i * 7 + seq);
        }
        return buf;
    }

    /** An RTP packet with two CSRCs and a one-byte header extension, which must stay readable in the clear. */
    private static ByteBuf rtpWithCsrcAndExtension(int seq, int ssrc, int room) {
        ByteBuf buf = Unpooled.buffer(64 + room);
        buf.writeByte(0x92).writeByte(0x80 | 96).writeShort(seq).writeInt(1234).writeInt(ssrc);
        buf.writeInt(0x11111111).writeInt(0x22222222);
        buf.writeShort(0xBEDE).writeShort(1).writeInt(0x10AA0000); // ext id 1, one byte, padding
        buf.writeBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        return buf;
    }

    private static ByteBuf rtcp(int ssrc, int room) {
        ByteBuf buf = Unpooled.buffer(32 + room);
        buf.writeByte(0x81).writeByte(201).writeShort(7).writeInt(ssrc); // RR, one report block
        for (int i = 0; i < 24; i++) {
            buf.writeByte(i);
        }
        return buf;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripsInBothDirections(SrtpProfile profile) {
        try (Pair pair = Pair.of(profile)) {
            for (int seq = 65530; seq < 65545; seq++) { // crosses the sequence-number rollover
                ByteBuf packet = rtp(seq & 0xFFFF, 0x11223344, 1200, pair.client.maxOverhead());
                byte[] plain = ByteBufUtil.getBytes(packet);
                assertThat(pair.client.protectRtp(packet)).isTrue();
                assertThat(packet.readableBytes()).isEqualTo(plain.length + profile.rtpAuthTagLength());
                assertThat(ByteBufUtil.getBytes(packet, 12, 16)).isNotEqualTo(java.util.Arrays.copyOfRange(plain, 12, 28));
                assertThat(pair.server.unprotectRtp(packet)).isTrue();
                assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(plain);
            }
            ByteBuf back = rtp(1, 0x55667788, 100, pair.server.maxOverhead());
            byte[] plain = ByteBufUtil.getBytes(back);
            assertThat(pair.server.protectRtp(back)).isTrue();
            assertThat(pair.client.unprotectRtp(back)).isTrue();
            assertThat(ByteBufUtil.getBytes(back)).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void headerWithCsrcsAndExtensionStaysInTheClear(SrtpProfile profile) {
        try (Pair pair = Pair.of(profile)) {
            ByteBuf packet = rtpWithCsrcAndExtension(9, 0x0A0B0C0D, pair.client.maxOverhead());
            byte[] plain = ByteBufUtil.getBytes(packet);
            assertThat(pair.client.protectRtp(packet)).isTrue();
            assertThat(ByteBufUtil.getBytes(packet, 0, 28)).isEqualTo(java.util.Arrays.copyOf(plain, 28)); // 12 + 2 CSRCs + 8 ext
            assertThat(pair.server.unprotectRtp(packet)).isTrue();
            assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripsAndAppendsIndexAndTag(SrtpProfile profile) {
        try (Pair pair = Pair.of(profile)) {
            for (int i = 0; i < 5; i++) {
                ByteBuf packet = rtcp(0x01020304, pair.server.maxOverhead());
                byte[] plain = ByteBufUtil.getBytes(packet);
                assertThat(pair.server.protectRtcp(packet)).isTrue();
                assertThat(packet.readableBytes()).isEqualTo(plain.length + 4 + profile.rtcpAuthTagLength());
                assertThat(pair.client.unprotectRtcp(packet)).isTrue();
                assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(plain);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedPacketsAreRejectedAndDoNotPoisonTheStream(SrtpProfile profile) {
        try (Pair pair = Pair.of(profile)) {
            ByteBuf packet = rtp(100, 0x42, 200, pair.client.maxOverhead());
            assertThat(pair.client.protectRtp(packet)).isTrue();
            byte[] good = ByteBufUtil.getBytes(packet);

            for (int position : new int[] {2, 8, 20, good.length - 1}) {
                byte[] bad = good.clone();
                bad[position] ^= 0x01;
                ByteBuf tampered = Unpooled.wrappedBuffer(bad);
                int writerIndexBefore = tampered.writerIndex();
                assertThat(pair.server.unprotectRtp(tampered)).as("byte %d flipped", position).isFalse();
                assertThat(tampered.writerIndex()).isEqualTo(writerIndexBefore);
            }
            assertThat(pair.server.unprotectRtp(Unpooled.wrappedBuffer(good))).isTrue();

            ByteBuf control = rtcp(0x42, pair.client.maxOverhead());
            assertThat(pair.client.protectRtcp(control)).isTrue();
            byte[] goodRtcp = ByteBufUtil.getBytes(control);
            byte[] badRtcp = goodRtcp.clone();
            badRtcp[10] ^= 0x40;
            assertThat(pair.server.unprotectRtcp(Unpooled.wrappedBuffer(badRtcp))).isFalse();
            assertThat(pair.server.unprotectRtcp(Unpooled.wrappedBuffer(goodRtcp))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedPacketsAreRejected(SrtpProfile profile) {
        try (Pair pair = Pair.of(profile)) {
            byte[][] protectedPackets = new byte[3][];
            for (int i = 0; i < 3; i++) {
                ByteBuf packet = rtp(500 + i, 0x77, 50, pair.client.maxOverhead());
                assertThat(pair.client.protectRtp(packet)).isTrue();
                protectedPackets[i] = ByteBufUtil.getBytes(packet);
            }
            // Out of order is fine; the same packet twice is not.
            assertThat(pair.server.unprotectRtp(Unpooled.wrappedBuffer(protectedPackets[2].clone()))).isTrue();
            assertThat(pair.server.unprotectRtp(Unpooled.wrappedBuffer(protectedPackets[0].clone()))).isTrue();
            assertThat(pair.server.unprotectRtp(Unpooled.wrappedBuffer(protectedPackets[0].clone()))).isFalse();
            assertThat(pair.server.unprotectRtp(Unpooled.wrappedBuffer(protectedPackets[2].clone()))).isFalse();
            assertThat(pair.server.unprotectRtp(Unpooled.wrappedBuffer(protectedPackets[1].clone()))).isTrue();

            ByteBuf control = rtcp(0x77, pair.client.maxOverhead());
            assertThat(pair.client.protectRtcp(control)).isTrue();
            byte[] srtcp = ByteBufUtil.getBytes(control);
            assertThat(pair.server.unprotectRtcp(Unpooled.wrappedBuffer(srtcp.clone()))).isTrue();
            assertThat(pair.server.unprotectRtcp(Unpooled.wrappedBuffer(srtcp.clone()))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void streamsAreIndependentPerSsrc(SrtpProfile profile) {
        try (Pair pair = Pair.of(profile)) {
            for (int ssrc = 1; ssrc <= 40; ssrc++) {
                ByteBuf packet = rtp(7, ssrc * 0x01000193, 30, pair.client.maxOverhead());
                byte[] plain = ByteBufUtil.getBytes(packet);
                assertThat(pair.client.protectRtp(packet)).isTrue();
                assertThat(pair.server.unprotectRtp(packet)).isTrue();
                assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(plain);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void malformedInputReturnsFalseWithoutThrowing(SrtpProfile profile) {
        try (Pair pair = Pair.of(profile)) {
            Random random = new Random(42);
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[random.nextInt(80)];
                random.nextBytes(junk);
                if (junk.length > 0 && random.nextBoolean()) {
                    junk[0] = (byte) (0x80 | (junk[0] & 0x3F)); // looks like version 2
                }
                assertThat(pair.server.unprotectRtp(Unpooled.wrappedBuffer(junk.clone()))).isFalse();
                assertThat(pair.server.unprotectRtcp(Unpooled.wrappedBuffer(junk.clone()))).isFalse();
            }
            // An extension length pointing past the end is refused before any crypto runs.
            ByteBuf lying = Unpooled.buffer(64).writeByte(0x90).writeByte(96).writeShort(1).writeInt(0).writeInt(9)
                    .writeShort(0xBEDE).writeShort(200).writeInt(0);
            assertThat(pair.client.protectRtp(lying)).isFalse();
            assertThat(pair.server.unprotectRtp(lying)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void forgedSsrcsDoNotCreateInboundStreams(SrtpProfile profile) {
        try (Pair pair = Pair.of(profile)) {
            for (int ssrc = 0; ssrc < SrtpSession.MAX_STREAMS + 10; ssrc++) {
                ByteBuf forged = rtp(1, ssrc, 40, 16).writeZero(16);
                assertThat(pair.server.unprotectRtp(forged)).isFalse();
            }
            ByteBuf genuine = rtp(1, 5, 40, pair.client.maxOverhead());
            assertThat(pair.client.protectRtp(genuine)).isTrue();
            assertThat(pair.server.unprotectRtp(genuine)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectNeedsRoomAndClosedSessionRefuses(SrtpProfile profile) {
        Pair pair = Pair.of(profile);
        byte[] plain = ByteBufUtil.getBytes(rtp(1, 3, 20, 0));
        assertThatThrownBy(() -> pair.client.protectRtp(Unpooled.wrappedBuffer(plain)))
                .isInstanceOf(IllegalArgumentException.class);
        // A growable buffer without spare room is expanded (slow path) and still protected.
        ByteBuf growable = Unpooled.buffer(plain.length).writeBytes(plain);
        assertThat(pair.client.protectRtp(growable)).isTrue();
        assertThat(pair.server.unprotectRtp(growable)).isTrue();

        assertThatThrownBy(() -> pair.server.unprotectRtp(Unpooled.unmodifiableBuffer(rtp(2, 3, 20, 32))))
                .isInstanceOf(IllegalArgumentException.class);

        pair.close();
        assertThat(pair.client.protectRtp(rtp(2, 3, 20, 32))).isFalse();
        assertThat(pair.server.unprotectRtcp(rtcp(3, 32))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void sliceWithOffsetIsProcessedInPlace(SrtpProfile profile) {
        try (Pair pair = Pair.of(profile)) {
            ByteBuf packet = rtp(77, 0x99, 64, 0);
            byte[] plain = ByteBufUtil.getBytes(packet);
            ByteBuf carrier = Unpooled.buffer(200);
            carrier.writeZero(13).writeBytes(plain);
            carrier.readerIndex(13);
            assertThat(pair.client.protectRtp(carrier)).isTrue();
            ByteBuf slice = carrier.retainedSlice(); // arrayOffset 13 into the same array, no spare room
            assertThat(pair.server.unprotectRtp(slice)).isTrue();
            assertThat(ByteBufUtil.getBytes(slice)).isEqualTo(plain);
            assertThat(carrier.getByte(12)).isZero();
            slice.release();
        }
    }
}
