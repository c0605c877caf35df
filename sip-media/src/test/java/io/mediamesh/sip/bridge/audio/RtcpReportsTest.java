package io.mediamesh.sip.bridge.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The compound reports to the phone, checked field by field (RFC 3550 §6.4.1, §6.4.2, §6.5). */
class RtcpReportsTest {
    private final byte[] out = new byte[RtcpReports.MAX_LENGTH];

    private long word(int at) {
        return RtpHeader.readUnsignedInt(out, at);
    }

    @Test
    void senderReportWithABlockAndACname() {
        int length = RtcpReports.write(out, true, 0x11223344L, 0xE000_0001_8000_0000L, 0xAABBCCDDL, 500, 80_000,
                0x55667788L, 0, 3, 0x1_0005, 17, "sip-1@mm");
        assertThat(Arrays.copyOfRange(out, 0, 4)).containsExactly(0x81, 200, 0, 12); // V=2 RC=1, SR, 13 words
        assertThat(word(4)).isEqualTo(0x11223344L);
        assertThat(word(8)).isEqualTo(0xE0000001L);
        assertThat(word(12)).isEqualTo(0x80000000L);
        assertThat(word(16)).isEqualTo(0xAABBCCDDL);
        assertThat(word(20)).isEqualTo(500);
        assertThat(word(24)).isEqualTo(80_000);
        assertThat(word(28)).isEqualTo(0x55667788L);
        assertThat(word(32)).isEqualTo(3); // fraction 0, cumulative 3
        assertThat(word(36)).isEqualTo(0x1_0005);
        assertThat(word(40)).isEqualTo(17);
        int sdes = 52;
        assertThat(Arrays.copyOfRange(out, sdes, sdes + 4)).containsExactly(0x81, (byte) 202, 0, 4);
        assertThat(word(sdes + 4)).isEqualTo(0x11223344L);
        assertThat(out[sdes + 8]).isEqualTo((byte) 1);
        assertThat(out[sdes + 9]).isEqualTo((byte) 8);
        assertThat(new String(out, sdes + 10, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("sip-1@mm");
        assertThat(out[sdes + 18]).isZero();
        assertThat(length).isEqualTo(sdes + 4 + 16).isEqualTo(72);
        assertThat(length % 4).isZero();
    }

    @Test
    void receiverReportWithoutBlockWhileNothingWasSentOrReceived() {
        int length = RtcpReports.write(out, false, 7, 0, 0, 0, 0, -1, 0, 0, 0, 0, "abc");
        assertThat(Arrays.copyOfRange(out, 0, 4)).containsExactly(0x80, (byte) 201, 0, 1);
        assertThat(word(4)).isEqualTo(7);
        assertThat(out[9]).isEqualTo((byte) 202);
        assertThat(length).isEqualTo(8 + 4 + 12); // SSRC + CNAME item of 3 + end, padded to 12
    }

    @Test
    void negativeCumulativeLossIsTwentyFourBitsTwosComplement() {
        RtcpReports.write(out, false, 7, 0, 0, 0, 0, 9, 12, -2, 0, 0, "x");
        assertThat(word(12)).isEqualTo(0x0CFFFFFEL);
    }
}
