package io.mediamesh.proto.rtcp.fb;

import static io.mediamesh.proto.rtcp.RtcpTestSupport.assertValueRoundTrip;
import static io.mediamesh.proto.rtcp.RtcpTestSupport.decodeSingle;
import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.proto.rtcp.RtcpDecoder;
import io.mediamesh.proto.rtcp.RtcpTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transport-wide CC feedback. The first vectors are as Chrome sends them (the same bytes appear in pion/rtcp's
 * tests, which were checked field by field against the draft): the P bit is set and the last byte counts the
 * padding.
 */
class TransportWideCcTest {
    /** One run-length chunk: seven packets received with small deltas. */
    static final String RUN_LENGTH = """
            af cd 00 07 // V=2, P=1, FMT=15, PT=205 (RTPFB), length 7
            fa 17 fa 17 // SSRC of packet sender
            19 3d d8 bb // SSRC of media source
            00 04 00 07 // base sequence 4, status count 7
            10 63 6e 01 // reference time 1074030 (x 64 ms), feedback packet count 1
            20 07 4c 24 // run-length chunk: symbol 1 (small delta) x 7; deltas 76, 36 ticks
            24 10 0c 0c // deltas 36, 16, 12, 12 ticks
            10 00 00 03 // delta 16 ticks; 3 padding bytes, the last one the count
            """;

    /** One one-bit status vector chunk covering 12 statuses (the last 2 symbols are beyond the count). */
    static final String ONE_BIT_VECTOR = """
            af cd 00 07 // V=2, P=1, FMT=15, PT=205 (RTPFB), length 7
            fa 17 fa 17 // SSRC of packet sender
            43 03 2f a0 // SSRC of media source
            9c 14 00 0c // base sequence 39956, status count 12
            75 84 20 00 // reference time 7701536, feedback packet count 0
            be c0 c1 3f // 1-bit vector: 1 1 1 1 1 0 1 1 0 0 0 0 (0 0); deltas 193, 63
            3b 3f 53 90 // deltas 59, 63, 83, 144
            3b 00 00 03 // delta 59; 3 padding bytes
            """;

    /** A two-bit status vector with a large delta, then a run-length chunk of two lost packets. */
    static final String TWO_BIT_VECTOR_AND_RUN = """
            af cd 00 07 // V=2, P=1, FMT=15, PT=205 (RTPFB), length 7
            9b 74 f6 1f // SSRC of packet sender
            93 71 dc bc // SSRC of media source
            85 3c 00 09 // base sequence 34108, status count 9
            63 f9 16 b3 // reference time 6551830, feedback packet count 179
            d5 52 00 02 // 2-bit vector: 1 1 1 1 1 0 2; run-length chunk: symbol 0 x 2
            9b aa 6a aa // small deltas 155, 170, 106, 170
            7b 01 09 01 // small delta 123; large delta 265; 1 padding byte
            """;

    @Test
    void runLengthChunk() {
        TransportWideCc twcc = decodeSingle(RUN_LENGTH, TransportWideCc.class);
        assertThat(twcc.senderSsrc()).isEqualTo(0xfa17fa17L);
        assertThat(twcc.mediaSsrc()).isEqualTo(0x193dd8bbL);
        assertThat(twcc.baseSequenceNumber()).isEqualTo(4);
        assertThat(twcc.referenceTime()).isEqualTo(1074030);
        assertThat(twcc.feedbackPacketCount()).isEqualTo(1);
        assertThat(twcc.packets()).containsExactly(
                PacketStatus.received(4, 76), PacketStatus.received(5, 36), PacketStatus.received(6, 36),
                PacketStatus.received(7, 16), PacketStatus.received(8, 12), PacketStatus.received(9, 12),
                PacketStatus.received(10, 16));
        assertThat(twcc.packets().get(0).deltaMicros()).isEqualTo(19_000);
    }

    @Test
    void oneBitStatusVector() {
        TransportWideCc twcc = decodeSingle(ONE_BIT_VECTOR, TransportWideCc.class);
        assertThat(twcc.baseSequenceNumber()).isEqualTo(39956);
        assertThat(twcc.referenceTime()).isEqualTo(7701536);
        assertThat(twcc.packets()).extracting(PacketStatus::symbol).containsExactly(1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0);
        assertThat(twcc.packets()).filteredOn(PacketStatus::isReceived).extracting(PacketStatus::deltaTicks)
                .containsExactly(193, 63, 59, 63, 83, 144, 59);
        assertThat(twcc.packets().get(11).sequenceNumber()).isEqualTo(39967);
    }

    @Test
    void twoBitStatusVectorWithLargeDelta() {
        TransportWideCc twcc = decodeSingle(TWO_BIT_VECTOR_AND_RUN, TransportWideCc.class);
        assertThat(twcc.feedbackPacketCount()).isEqualTo(179);
        assertThat(twcc.packets()).containsExactly(
                PacketStatus.received(34108, 155), PacketStatus.received(34109, 170),
                PacketStatus.received(34110, 106), PacketStatus.received(34111, 170),
                PacketStatus.received(34112, 123), PacketStatus.notReceived(34113),
                new PacketStatus(34114, PacketStatus.LARGE_DELTA, 265), PacketStatus.notReceived(34115),
                PacketStatus.notReceived(34116));
    }

    @Test
    void runLongerThanTheStatusCountIsTruncated() {
        // The same feedback with a run-length chunk of 48 (as another sender wrote it): only 2 statuses are used,
        // so it decodes to the same value, and re-encoding writes the exact run of 2.
        String longRun = TWO_BIT_VECTOR_AND_RUN.replace("d5 52 00 02", "d5 52 00 30");
        List<?> packets = RtcpDecoder.decodeCompound(buf(longRun));
        assertThat(packets).isEqualTo(RtcpDecoder.decodeCompound(buf(TWO_BIT_VECTOR_AND_RUN)));
        assertThat(RtcpTestSupport.encode(RtcpDecoder.decodeCompound(buf(longRun))))
                .isEqualTo(hex(TWO_BIT_VECTOR_AND_RUN));
    }

    @Test
    void emptyFeedbackHasNoChunks() {
        TransportWideCc twcc = decodeSingle("""
                8f cd 00 04 // V=2, FMT=15, PT=205 (RTPFB), length 4
                9a cb 04 42 // SSRC of packet sender
                00 00 00 00 // SSRC of media source
                00 00 00 00 // base sequence 0, status count 0
                00 00 00 00 // reference time 0, feedback packet count 0
                """, TransportWideCc.class);
        assertThat(twcc.packets()).isEmpty();
    }

    @Test
    void encoderChoosesChunksAsDocumented() {
        List<PacketStatus> packets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            packets.add(PacketStatus.notReceived(65530 + i & 0xffff));
        }
        packets.add(PacketStatus.received(65550 & 0xffff, -4));
        packets.add(PacketStatus.received(65551 & 0xffff, 0));
        TransportWideCc twcc = new TransportWideCc(1, 2, 65530, 0xffffff, 255, packets);
        assertThat(RtcpTestSupport.encode(List.of(twcc))).isEqualTo(hex("""
                af cd 00 06 // V=2, P=1, FMT=15, PT=205, length 6
                00 00 00 01 // SSRC of packet sender
                00 00 00 02 // SSRC of media source
                ff fa 00 16 // base sequence 65530, status count 22
                ff ff ff ff // reference time 0xffffff, feedback packet count 255
                00 14 e4 00 // run-length: symbol 0 x 20; 2-bit vector: 2 1 (0 0 0 0 0)
                ff fc 00 01 // large delta -4 ticks; small delta 0; 1 padding byte
                """));
        assertValueRoundTrip(twcc);
    }

    @Test
    void manyShapesRoundTrip() {
        int[][] patterns = {
            {1}, {0}, {2}, {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
            {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 0, 1},
        };
        for (int[] pattern : patterns) {
            List<PacketStatus> packets = new ArrayList<>();
            for (int i = 0; i < pattern.length; i++) {
                int delta = pattern[i] == 2 ? -1000 + i : pattern[i] == 1 ? 200 + i : 0;
                packets.add(new PacketStatus(100 + i, pattern[i], delta));
            }
            assertValueRoundTrip(new TransportWideCc(5, 6, 100, 1, 2, packets));
        }
        List<PacketStatus> longRun = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            longRun.add(PacketStatus.received(i, 1));
        }
        assertValueRoundTrip(new TransportWideCc(5, 6, 0, 1, 2, longRun));
    }

    @Test
    void constructorChecksSequenceNumbersAndDeltas() {
        assertThatThrownBy(() -> new TransportWideCc(1, 2, 10, 0, 0, List.of(PacketStatus.received(11, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketStatus(1, PacketStatus.SMALL_DELTA, 256))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketStatus(1, PacketStatus.NOT_RECEIVED, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketStatus(1, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PacketStatus.received(1, 256).symbol()).isEqualTo(PacketStatus.LARGE_DELTA);
        assertThat(PacketStatus.received(1, -1).symbol()).isEqualTo(PacketStatus.LARGE_DELTA);
    }
}
