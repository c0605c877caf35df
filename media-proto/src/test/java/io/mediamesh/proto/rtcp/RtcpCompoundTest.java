package io.mediamesh.proto.rtcp;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.rtcp.fb.ReceiverEstimatedMaxBitrate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtcpCompoundTest {

    @Test
    void senderReportWithCname() {
        String vector = """
                80 c8 00 06 // SR, RC=0, length 6
                12 34 56 78 // SSRC of sender
                e5 5a 14 ff // NTP seconds
                80 00 00 00 // NTP fraction
                00 01 e2 40 // RTP timestamp
                00 00 00 64 // packet count
                00 00 3a 98 // octet count
                """ + RtcpReportsTest.SDES_CNAME;
        List<RtcpPacket> packets = RtcpDecoder.decodeCompound(buf(vector));

        assertThat(packets).containsExactly(
                new SenderReport(0x12345678L, 0xe55a14ff80000000L, 123456, 100, 15000, List.of()),
                SourceDescription.cname(0x12345678L, "4TOk42mSjXCkVIa6"));
        assertThat(RtcpTestSupport.encode(packets)).isEqualTo(hex(vector));
        assertThat(RtcpCompound.encodedLength(packets)).isEqualTo(hex(vector).length);
    }

    @Test
    void chromiumReceiverReportWithRemb() {
        String vector = """
                81 c9 00 07 // RR, RC=1, length 7
                00 00 00 01 // SSRC of packet sender
                9a bc de f0 // report block: SSRC of the stream
                00 00 00 00 // nothing lost
                00 00 2a f8 // extended highest sequence 11000
                00 00 00 0c // jitter 12
                00 00 00 00 // no SR received yet
                00 00 00 00 // DLSR
                """ + FEEDBACK_REMB;
        List<RtcpPacket> packets = RtcpDecoder.decodeCompound(buf(vector));

        assertThat(packets).containsExactly(
                new ReceiverReport(1, List.of(new ReportBlock(0x9abcdef0L, 0, 0, 11000, 12, 0, 0))),
                new ReceiverEstimatedMaxBitrate(0x12345678L, 1_000_000, List.of(0x9abcdef0L)));
        assertThat(RtcpTestSupport.encode(packets)).isEqualTo(hex(vector));
    }

    private static final String FEEDBACK_REMB = """
            8f ce 00 05 // REMB
            12 34 56 78
            00 00 00 00
            52 45 4d 42
            01 0b d0 90
            9a bc de f0
            """;

    @Test
    void decodesFromTheReaderIndexWithoutMovingIt() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("ffff"), hex("80 c9 00 01 00 00 00 01"));
        buf.readerIndex(2);
        assertThat(RtcpDecoder.decodeCompound(buf)).containsExactly(new ReceiverReport(1, List.of()));
        assertThat(buf.readerIndex()).isEqualTo(2);
    }

    @Test
    void paddingIsStripped() {
        assertThat(RtcpDecoder.decodeCompound(buf("""
                a0 c9 00 02 // RR with P=1, length 2
                00 00 00 01
                00 00 00 04 // 4 padding bytes
                """))).containsExactly(new ReceiverReport(1, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty                  | ''",
        "3 bytes                | 80 c9 00",
        "version 1              | 40 c9 00 01 00 00 00 01",
        "version 0              | 00 c9 00 01 00 00 00 01",
        "length past the end    | 80 c9 00 02 00 00 00 01",
        "second header cut      | 80 c9 00 01 00 00 00 01 80 c9",
        "second past the end    | 80 c9 00 01 00 00 00 01 80 c9 00 01 00 00",
        "padding count 0        | a0 c9 00 01 00 00 00 00",
        "padding past the body  | a0 c9 00 01 00 00 00 05",
        "SR too short           | 80 c8 00 01 00 00 00 01",
        "RR block missing       | 81 c9 00 01 00 00 00 01",
        "SDES no terminator     | 81 ca 00 02 00 00 00 01 01 01 61 62",
        "SDES text past end     | 81 ca 00 02 00 00 00 01 01 09 61 62",
        "SDES chunk missing     | 82 ca 00 03 00 00 00 01 01 01 61 00 00 00 00 02",
        "BYE sources missing    | 82 cb 00 01 00 00 00 01",
        "BYE reason past end    | 81 cb 00 02 00 00 00 01 08 61 62 63",
        "APP too short          | 80 cc 00 01 00 00 00 01",
        "APP name not ASCII     | 80 cc 00 02 00 00 00 01 ff 61 62 63",
        "PLI too short          | 81 ce 00 01 00 00 00 01",
        "FIR too short          | 84 ce 00 01 00 00 00 01",
        "NACK too short         | 81 cd 00 01 00 00 00 01",
        "REMB SSRCs missing     | 8f ce 00 04 00 00 00 01 00 00 00 00 52 45 4d 42 02 0b d0 90",
        "REMB bitrate overflow  | 8f ce 00 04 00 00 00 01 00 00 00 00 52 45 4d 42 00 fe 00 00",
        "TWCC too short         | 8f cd 00 03 00 00 00 01 00 00 00 02 00 00 00 01",
        "TWCC chunks missing    | 8f cd 00 04 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00 00",
        "TWCC deltas missing    | 8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00 00 40 02 05 00",
        "TWCC reserved symbol   | 8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00 00 60 01 00 00",
    })
    void rejectsMalformedCompounds(String name, String hex) {
        ByteBuf buf = buf(hex);
        assertThatThrownBy(() -> RtcpDecoder.decodeCompound(buf)).isInstanceOf(MalformedPacketException.class);
    }
}
