package io.mediamesh.proto.rtcp;

import static io.mediamesh.proto.rtcp.RtcpTestSupport.assertValueRoundTrip;
import static io.mediamesh.proto.rtcp.RtcpTestSupport.decodeSingle;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SR, RR, SDES, BYE, APP and the raw fallback: vector, decode, fields, encode, value round trip. */
class RtcpReportsTest {
    static final String SENDER_REPORT = """
            81 c8 00 0c // V=2, RC=1, PT=200 (SR), length 12
            12 34 56 78 // SSRC of sender
            e5 5a 14 ff // NTP timestamp, seconds
            80 00 00 00 // NTP timestamp, fraction (0.5 s)
            00 01 e2 40 // RTP timestamp 123456
            00 00 00 64 // sender's packet count 100
            00 00 3a 98 // sender's octet count 15000
            aa bb cc dd // report block: SSRC
            19 ff ff fe // fraction lost 25/256, cumulative lost -2
            00 01 00 05 // extended highest sequence: 1 cycle, sequence 5
            00 00 00 20 // jitter 32
            14 ff 80 00 // LSR: the middle 32 bits of an NTP timestamp
            00 01 80 00 // DLSR 1.5 s
            """;
    static final String SDES_CNAME = """
            81 ca 00 06 // V=2, SC=1, PT=202 (SDES), length 6
            12 34 56 78 // SSRC
            01 10 34 54 // CNAME, 16 bytes: "4T
            4f 6b 34 32 // Ok42
            6d 53 6a 58 // mSjX
            43 6b 56 49 // CkVI
            61 36 00 00 // a6", end of items, padding
            """;

    private static final ReportBlock BLOCK = new ReportBlock(0xaabbccddL, 25, -2, 0x10005L, 32, 0x14ff8000L,
            0x18000L);

    @Test
    void senderReport() {
        SenderReport sr = decodeSingle(SENDER_REPORT, SenderReport.class);
        assertThat(sr).isEqualTo(new SenderReport(0x12345678L, 0xe55a14ff80000000L, 123456, 100, 15000,
                List.of(BLOCK)));
        assertThat(sr.compactNtp()).isEqualTo(0x14ff8000L);
    }

    @Test
    void receiverReports() {
        ReceiverReport empty = decodeSingle("""
                80 c9 00 01 // V=2, RC=0, PT=201 (RR), length 1
                00 00 00 01 // SSRC of packet sender
                """, ReceiverReport.class);
        assertThat(empty).isEqualTo(new ReceiverReport(1, List.of()));

        ReceiverReport one = decodeSingle("""
                81 c9 00 07 // V=2, RC=1, PT=201 (RR), length 7
                00 00 00 01 // SSRC of packet sender
                aa bb cc dd // report block: SSRC
                ff 7f ff ff // fraction lost 255/256, cumulative lost 8388607 (largest)
                ff ff ff ff // extended highest sequence
                00 00 00 00 // jitter
                00 00 00 00 // LSR
                00 00 00 00 // DLSR
                """, ReceiverReport.class);
        assertThat(one.reports()).containsExactly(
                new ReportBlock(0xaabbccddL, 255, 0x7fffff, 0xffffffffL, 0, 0, 0));
        assertValueRoundTrip(new ReceiverReport(0xffffffffL, List.of(BLOCK,
                new ReportBlock(1, 0, -0x800000, 0, 0, 0, 0))));
    }

    @Test
    void sourceDescription() {
        SourceDescription sdes = decodeSingle(SDES_CNAME, SourceDescription.class);
        assertThat(sdes).isEqualTo(SourceDescription.cname(0x12345678L, "4TOk42mSjXCkVIa6"));
        assertThat(sdes.chunks().get(0).cname()).contains("4TOk42mSjXCkVIa6");
    }

    @Test
    void sourceDescriptionChunkOnAWordBoundaryGetsAFullWordOfNulls() {
        // 4 (SSRC) + 2 + 2 ("ab") = 8 bytes: the terminating null needs a whole extra word.
        SourceDescription sdes = decodeSingle("""
                82 ca 00 05 // V=2, SC=2, PT=202 (SDES), length 5
                00 00 00 01 // chunk 1: SSRC 1
                01 02 61 62 // CNAME "ab"
                00 00 00 00 // end of items and padding
                00 00 00 02 // chunk 2: SSRC 2
                06 01 78 00 // TOOL "x", end of items
                """, SourceDescription.class);
        assertThat(sdes.chunks()).containsExactly(
                new SdesChunk(1, List.of(SdesItem.cname("ab"))),
                new SdesChunk(2, List.of(new SdesItem(SdesItem.TOOL, "x"))));
        assertValueRoundTrip(new SourceDescription(List.of(new SdesChunk(3, List.of()),
                new SdesChunk(4, List.of(SdesItem.cname("cname"), new SdesItem(SdesItem.NOTE, "é"))))));
    }

    @Test
    void goodbye() {
        Goodbye bye = decodeSingle("""
                82 cb 00 04 // V=2, SC=2, PT=203 (BYE), length 4
                12 34 56 78 // SSRC 1
                9a bc de f0 // SSRC 2
                06 63 6c 6f // reason length 6, "clo
                73 65 64 00 // sed", padding
                """, Goodbye.class);
        assertThat(bye).isEqualTo(new Goodbye(List.of(0x12345678L, 0x9abcdef0L), "closed"));

        Goodbye noReason = decodeSingle("""
                81 cb 00 01 // V=2, SC=1, PT=203 (BYE), length 1
                12 34 56 78 // SSRC
                """, Goodbye.class);
        assertThat(noReason.reason()).isNull();
        assertValueRoundTrip(new Goodbye(List.of(), ""));
        assertValueRoundTrip(new Goodbye(List.of(7L), "abc"));
    }

    @Test
    void applicationDefined() {
        ApplicationDefined app = decodeSingle("""
                85 cc 00 03 // V=2, subtype 5, PT=204 (APP), length 3
                12 34 56 78 // SSRC
                71 6f 73 31 // name "qos1"
                00 00 00 2a // application data
                """, ApplicationDefined.class);
        assertThat(app).isEqualTo(new ApplicationDefined(5, 0x12345678L, "qos1", new byte[] {0, 0, 0, 42}));
        assertValueRoundTrip(new ApplicationDefined(0, 1, "abcd", new byte[0]));
    }

    @Test
    void unknownTypesAndFormatsAreKeptRaw() {
        RawRtcpPacket xr = decodeSingle("""
                80 cf 00 02 // V=2, PT=207 (XR, not interpreted), length 2
                12 34 56 78
                04 00 00 00
                """, RawRtcpPacket.class);
        assertThat(xr.packetType()).isEqualTo(207);
        assertThat(xr.body()).hasSize(8);
        RawRtcpPacket tmmbr = decodeSingle("""
                83 cd 00 02 // V=2, FMT=3 (TMMBR), PT=205, length 2
                12 34 56 78
                00 00 00 00
                """, RawRtcpPacket.class);
        assertThat(tmmbr.countOrFormat()).isEqualTo(3);
        RawRtcpPacket afb = decodeSingle("""
                8f ce 00 03 // V=2, FMT=15, PT=206, length 3: application feedback that is not REMB
                12 34 56 78
                00 00 00 00
                41 42 43 44 // "ABCD"
                """, RawRtcpPacket.class);
        assertThat(afb.packetType()).isEqualTo(RtcpHeader.PSFB);
        assertValueRoundTrip(new RawRtcpPacket(210, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }

    @Test
    void rawPacketWithAnUnalignedBodyIsPadded() {
        byte[] bytes = RtcpTestSupport.encode(List.of(new RawRtcpPacket(210, 1, new byte[] {9})));
        assertThat(bytes).isEqualTo(hex("a1 d2 00 01 09 00 00 03"));
        RawRtcpPacket decoded = (RawRtcpPacket) RtcpDecoder.decodeCompound(
                Unpooled.wrappedBuffer(bytes)).get(0);
        assertThat(decoded.body()).containsExactly(9);
    }

    @Test
    void constructorsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 0x800000, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReceiverReport(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
        ReportBlock[] blocks = new ReportBlock[32];
        Arrays.fill(blocks, BLOCK);
        assertThatThrownBy(() -> new ReceiverReport(1, List.of(blocks))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApplicationDefined(0, 1, "toolong", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApplicationDefined(0, 1, "abcd", new byte[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SdesItem(0, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Goodbye(List.of(), "x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
    }
}
