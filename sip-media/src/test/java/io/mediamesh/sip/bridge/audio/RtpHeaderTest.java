package io.mediamesh.sip.bridge.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.sip.bridge.audio.RtpHeader.Verdict;
import org.junit.jupiter.api.Test;

/** Byte vectors of good and bad RTP headers: every malformed one is a verdict, none throws. */
class RtpHeaderTest {
    private final RtpHeader header = new RtpHeader();

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void parsesTheFixedHeader() {
        byte[] packet = bytes(
                0x80, 0x80, 0x12, 0x34, // v=2, M, PT 0, seq 0x1234
                0xDE, 0xAD, 0xBE, 0xEF, // timestamp
                0xCA, 0xFE, 0xBA, 0xBE, // SSRC
                0x55, 0x66);            // payload
        assertThat(header.parse(packet, 0, packet.length)).isEqualTo(Verdict.RTP);
        assertThat(header.marker()).isTrue();
        assertThat(header.payloadType()).isZero();
        assertThat(header.sequence()).isEqualTo(0x1234);
        assertThat(header.timestamp()).isEqualTo(0xDEADBEEFL);
        assertThat(header.ssrc()).isEqualTo(0xCAFEBABEL);
        assertThat(header.payloadOffset()).isEqualTo(12);
        assertThat(header.payloadLength()).isEqualTo(2);
    }

    @Test
    void skipsCsrcsAndExtensionAndStripsPadding() {
        byte[] packet = bytes(
                0xB1, 0x08, 0x00, 0x01, // v=2, P, X, CC=1, PT 8
                0, 0, 0, 160,
                0, 0, 0, 1,
                0x11, 0x22, 0x33, 0x44, // CSRC
                0xBE, 0xDE, 0x00, 0x01, // one-byte extension, 1 word
                0x10, 0x85, 0x00, 0x00, // id 1, length 1: level 5 with V
                0x55, 0x66, 0x77,       // payload
                0x00, 0x00, 0x03);      // 3 bytes of padding
        assertThat(header.parse(packet, 0, packet.length)).isEqualTo(Verdict.RTP);
        assertThat(header.payloadType()).isEqualTo(8);
        assertThat(header.payloadOffset()).isEqualTo(24);
        assertThat(header.payloadLength()).isEqualTo(3);
        assertThat(header.oneByteElement(packet, 1)).isEqualTo(0x85);
        assertThat(header.oneByteElement(packet, 2)).isEqualTo(-1);
    }

    @Test
    void parsesAtAnOffset() {
        byte[] packet = bytes(0xFF, 0xFF, 0x80, 0x00, 0x00, 0x07, 0, 0, 0, 0, 0, 0, 0, 9, 0x42);
        assertThat(header.parse(packet, 2, packet.length - 2)).isEqualTo(Verdict.RTP);
        assertThat(header.sequence()).isEqualTo(7);
        assertThat(header.ssrc()).isEqualTo(9);
        assertThat(header.payloadOffset()).isEqualTo(14);
        assertThat(header.payloadLength()).isEqualTo(1);
    }

    @Test
    void reportsMalformedInput() {
        assertThat(header.parse(new byte[0], 0, 0)).isEqualTo(Verdict.TOO_SHORT);
        assertThat(header.parse(bytes(0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0), 0, 11)).isEqualTo(Verdict.TOO_SHORT);
        assertThat(header.parse(bytes(0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1), 0, 12)).isEqualTo(Verdict.BAD_VERSION);
        assertThat(header.parse(bytes(0x00, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1), 0, 12)).isEqualTo(Verdict.BAD_VERSION);
        // CC=15 needs 60 more bytes
        assertThat(header.parse(bytes(0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0), 0, 16))
                .isEqualTo(Verdict.TOO_SHORT);
        // extension header cut short, then an extension longer than the packet
        assertThat(header.parse(bytes(0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE), 0, 14))
                .isEqualTo(Verdict.TOO_SHORT);
        assertThat(header.parse(bytes(0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0x00, 0x09), 0, 16))
                .isEqualTo(Verdict.TOO_SHORT);
        // padding of zero, and padding longer than the payload
        assertThat(header.parse(bytes(0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 7, 0), 0, 14))
                .isEqualTo(Verdict.BAD_PADDING);
        assertThat(header.parse(bytes(0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 7, 40), 0, 14))
                .isEqualTo(Verdict.BAD_PADDING);
        // a length past the array
        assertThat(header.parse(new byte[12], 4, 12)).isEqualTo(Verdict.TOO_SHORT);
    }

    @Test
    void recognisesMultiplexedRtcp() {
        byte[] receiverReport = bytes(0x80, 201, 0x00, 0x01, 0, 0, 0, 1, 0, 0, 0, 0);
        assertThat(header.parse(receiverReport, 0, receiverReport.length)).isEqualTo(Verdict.RTCP);
    }

    @Test
    void everyTruncationOfAValidPacketIsAVerdict() {
        byte[] packet = bytes(0xB1, 0x08, 0x00, 0x01, 0, 0, 0, 160, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44,
                0xBE, 0xDE, 0x00, 0x01, 0x10, 0x85, 0x00, 0x00, 0x55, 0x66, 0x77, 0x00, 0x00, 0x03);
        for (int length = 0; length < packet.length; length++) {
            Verdict verdict = header.parse(packet, 0, length);
            if (verdict == Verdict.RTP) {
                assertThat(header.payloadOffset() + header.payloadLength()).isLessThanOrEqualTo(length);
                assertThat(header.payloadLength()).isNotNegative();
            }
        }
    }

    @Test
    void writesWhatItParses() {
        byte[] packet = new byte[20];
        assertThat(RtpHeader.write(packet, 0, true, 101, 0xFFFF, 0xFFFF_FFF0L, 0x8000_0001L)).isEqualTo(12);
        assertThat(header.parse(packet, 0, 20)).isEqualTo(Verdict.RTP);
        assertThat(header.marker()).isTrue();
        assertThat(header.payloadType()).isEqualTo(101);
        assertThat(header.sequence()).isEqualTo(0xFFFF);
        assertThat(header.timestamp()).isEqualTo(0xFFFF_FFF0L);
        assertThat(header.ssrc()).isEqualTo(0x8000_0001L);
        assertThat(header.payloadLength()).isEqualTo(8);
    }
}
