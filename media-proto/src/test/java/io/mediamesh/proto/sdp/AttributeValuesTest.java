package io.mediamesh.proto.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed attribute parsers on values Chromium does not produce. */
class AttributeValuesTest {

    @Test
    void rtcpFeedbackWildcardAppliesToEveryPayloadType() {
        MediaDescription m = media("a=rtcp-fb:* nack\r\na=rtcp-fb:96 ccm fir\r\na=rtcp-fb:97 goog-remb\r\n");

        assertThat(m.rtcpFeedback(96)).containsExactly("nack", "ccm fir");
        assertThat(m.rtcpFeedback(98)).containsExactly("nack");
    }

    @Test
    void extMapWithDirectionAndExtensionAttributes() {
        assertThat(ExtMap.parse("7/recvonly urn:example:x attr1")).isEqualTo(new ExtMap(7, "recvonly", "urn:example:x"));
        assertThatThrownBy(() -> ExtMap.parse("0 urn:x")).hasMessageContaining("outside 1..255");
        assertThatThrownBy(() -> ExtMap.parse("3/sideways urn:x")).hasMessageContaining("not a direction");
        assertThatThrownBy(() -> ExtMap.parse("3")).hasMessageContaining("a=extmap needs");
    }

    @Test
    void ridParamsAndDirection() {
        assertThat(Rid.parse("hi recv pt=96;max-width=1280")).isEqualTo(new Rid("hi", "recv", "pt=96;max-width=1280"));
        assertThatThrownBy(() -> Rid.parse("q both")).hasMessageContaining("send or recv");
        assertThatThrownBy(() -> Rid.parse("q!x send")).hasMessageContaining("not alphanumeric");
    }

    @Test
    void simulcastAlternativesPausedStreamsAndBothDirections() {
        Simulcast s = Simulcast.parse("send 1,~4;2;~3 recv c");

        assertThat(s.send()).containsExactly(List.of("1", "~4"), List.of("2"), List.of("~3"));
        assertThat(s.sendRids()).containsExactly("1", "2", "3");
        assertThat(s.recvRids()).containsExactly("c");
        assertThat(s.sendText()).isEqualTo("1,~4;2;~3");
        assertThatThrownBy(() -> Simulcast.parse("send a send b")).hasMessageContaining("once each");
        assertThatThrownBy(() -> Simulcast.parse("send a;;b")).hasMessageContaining("is not a rid");
    }

    @Test
    void ssrcAttributeWithoutValueAndHugeSsrc() {
        assertThat(SsrcAttribute.parse("4294967295 x-flag")).isEqualTo(new SsrcAttribute(4294967295L, "x-flag", null));
        assertThatThrownBy(() -> SsrcAttribute.parse("4294967296 cname:x")).hasMessageContaining("32-bit");
        assertThatThrownBy(() -> SsrcGroup.parse("FID 1 -2")).hasMessageContaining("32-bit");
    }

    @Test
    void rtpMapChannelsDefaultToOne() {
        assertThat(RtpMap.parse("0 PCMU/8000")).isEqualTo(new RtpMap(0, "PCMU", 8000, 1));
        assertThatThrownBy(() -> RtpMap.parse("128 x/90000")).hasMessageContaining("outside 0..127");
        assertThatThrownBy(() -> RtpMap.parse("96 VP8")).hasMessageContaining("a=rtpmap needs");
    }

    @Test
    void formatParametersAreOrderedWithLowerCaseKeys() {
        assertThat(FormatParameters.parse("Profile-Level-Id=42e01f; packetization-mode=1;flag"))
                .containsExactly(java.util.Map.entry("profile-level-id", "42e01f"),
                        java.util.Map.entry("packetization-mode", "1"), java.util.Map.entry("flag", ""));
    }

    @Test
    void fingerprintMustBeColonSeparatedHex() {
        assertThat(Fingerprint.parse("SHA-256 0A:FF")).isEqualTo(new Fingerprint("sha-256", "0A:FF"));
        assertThatThrownBy(() -> Fingerprint.parse("sha-256 0A-FF")).hasMessageContaining("colon-separated hex");
        assertThatThrownBy(() -> Fingerprint.parse("sha-256")).hasMessageContaining("a=fingerprint needs");
    }

    private static MediaDescription media(String attributes) {
        return SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 RTP/SAVPF 96 97 98\r\n"
                + attributes).media().get(0);
    }
}
