package io.mediamesh.proto.rtcp.fb;

import static io.mediamesh.proto.rtcp.RtcpTestSupport.assertValueRoundTrip;
import static io.mediamesh.proto.rtcp.RtcpTestSupport.decodeSingle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.proto.rtcp.RtcpDecoder;
import io.mediamesh.proto.rtcp.RtcpTestSupport;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PLI, FIR, NACK and REMB: vector, decode, fields, encode, value round trip. */
class FeedbackVectorsTest {
    static final String REMB = """
            8f ce 00 05 // V=2, FMT=15, PT=206 (PSFB), length 5
            12 34 56 78 // SSRC of packet sender
            00 00 00 00 // SSRC of media source: always 0
            52 45 4d 42 // "REMB"
            01 0b d0 90 // 1 SSRC; exponent 2, mantissa 250000: 1,000,000 bps
            9a bc de f0 // SSRC feedback
            """;

    @Test
    void pictureLossIndication() {
        PictureLossIndication pli = decodeSingle("""
                81 ce 00 02 // V=2, FMT=1, PT=206 (PSFB), length 2
                12 34 56 78 // SSRC of packet sender
                9a bc de f0 // SSRC of media source
                """, PictureLossIndication.class);
        assertThat(pli).isEqualTo(new PictureLossIndication(0x12345678L, 0x9abcdef0L));
    }

    @Test
    void fullIntraRequest() {
        FullIntraRequest fir = decodeSingle("""
                84 ce 00 06 // V=2, FMT=4, PT=206 (PSFB), length 6
                12 34 56 78 // SSRC of packet sender
                00 00 00 00 // SSRC of media source: unused
                9a bc de f0 // FCI 1: SSRC
                07 00 00 00 // command sequence number 7, reserved
                00 00 00 01 // FCI 2: SSRC
                ff 00 00 00 // command sequence number 255, reserved
                """, FullIntraRequest.class);
        assertThat(fir).isEqualTo(new FullIntraRequest(0x12345678L,
                List.of(new FirEntry(0x9abcdef0L, 7), new FirEntry(1, 255))));
    }

    @Test
    void nackPacksIntoPidAndBitmask() {
        TransportLayerNack nack = decodeSingle("""
                81 cd 00 04 // V=2, FMT=1, PT=205 (RTPFB), length 4
                12 34 56 78 // SSRC of packet sender
                9a bc de f0 // SSRC of media source
                00 64 80 05 // PID 100; BLP bits 0, 2, 15: 101, 103, 116
                00 75 00 00 // PID 117 (18 after 100, so a new pair)
                """, TransportLayerNack.class);
        assertThat(nack.lostSequenceNumbers()).containsExactly(100, 101, 103, 116, 117);
        assertThat(nack.senderSsrc()).isEqualTo(0x12345678L);
        assertThat(nack.mediaSsrc()).isEqualTo(0x9abcdef0L);
    }

    @Test
    void nackAcrossTheSequenceWrap() {
        TransportLayerNack nack = decodeSingle("""
                81 cd 00 03 // V=2, FMT=1, PT=205 (RTPFB), length 3
                00 00 00 01
                00 00 00 02
                ff ff 00 09 // PID 65535; BLP bits 0 and 3: 0 and 3
                """, TransportLayerNack.class);
        assertThat(nack.lostSequenceNumbers()).containsExactly(65535, 0, 3);
        assertValueRoundTrip(new TransportLayerNack(1, 2, List.of(1, 17, 18, 40000, 40016)));
        assertValueRoundTrip(new TransportLayerNack(1, 2, List.of()));
    }

    @Test
    void receiverEstimatedMaxBitrate() {
        ReceiverEstimatedMaxBitrate remb = decodeSingle(REMB, ReceiverEstimatedMaxBitrate.class);
        assertThat(remb).isEqualTo(new ReceiverEstimatedMaxBitrate(0x12345678L, 1_000_000, List.of(0x9abcdef0L)));
        assertValueRoundTrip(new ReceiverEstimatedMaxBitrate(1, 0x3ffff, List.of()));
        assertValueRoundTrip(new ReceiverEstimatedMaxBitrate(1, 0x3ffffL << 40, List.of(1L, 2L, 3L)));
    }

    @Test
    void rembRoundsDownToEighteenBitsOfMantissa() {
        ReceiverEstimatedMaxBitrate remb = new ReceiverEstimatedMaxBitrate(1, 1_000_003, List.of());
        byte[] bytes = RtcpTestSupport.encode(List.of(remb));
        ReceiverEstimatedMaxBitrate decoded = (ReceiverEstimatedMaxBitrate) RtcpDecoder
                .decodeCompound(Unpooled.wrappedBuffer(bytes)).get(0);
        assertThat(decoded.bitrateBps()).isEqualTo(1_000_000);
    }

    @Test
    void constructorsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> new FirEntry(1, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportLayerNack(1, 2, List.of(65536)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReceiverEstimatedMaxBitrate(1, -1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PictureLossIndication(1L << 32, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
