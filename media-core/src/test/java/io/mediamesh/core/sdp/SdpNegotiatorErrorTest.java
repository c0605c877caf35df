package io.mediamesh.core.sdp;

import static io.mediamesh.core.sdp.OfferFixtures.LOCAL;
import static io.mediamesh.core.sdp.OfferFixtures.NO_SSRCS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Offers that cannot be answered fail with a message the client can act on. */
class SdpNegotiatorErrorTest {

    private final String publisher = OfferFixtures.load(OfferFixtures.PUBLISHER);

    @Test
    void offerWithoutBundle() {
        assertFails(publisher.replace("a=group:BUNDLE 0 1\r\n", ""), "offer is not bundled (a=group:BUNDLE missing)");
    }

    @Test
    void offerWithoutIceUfrag() {
        assertFails(publisher.replace("a=ice-ufrag:aEel\r\n", ""), "offer has no ice-ufrag");
    }

    @Test
    void offerWithoutIcePwd() {
        assertFails(publisher.replace("a=ice-pwd:/eOD9lCxuiaz4QbKjw/1Xhky\r\n", ""), "offer has no ice-pwd");
    }

    @Test
    void offerWithoutFingerprint() {
        assertFails(publisher.replaceAll("a=fingerprint:[^\r]*\r\n", ""), "offer has no a=fingerprint");
    }

    @Test
    void offerThatWantsUsToBeTheDtlsClient() {
        assertFails(publisher.replace("a=setup:actpass", "a=setup:passive"), "offer has a=setup:passive");
    }

    @Test
    void plainRtpAvpMedia() {
        assertFails(publisher.replace("m=video 58821 UDP/TLS/RTP/SAVPF", "m=video 58821 RTP/AVP"),
                "m-line 1 (mid 1) is not RTP/SAVPF (got RTP/AVP)");
    }

    @Test
    void mediaWithoutRtcpMux() {
        assertFails(publisher.replace("a=rtcp-mux\r\n", ""),
                "m-line 0 (mid 0) has no a=rtcp-mux; this server requires RTP and RTCP multiplexed");
    }

    @Test
    void mediaWithoutMid() {
        assertFails(publisher.replace("a=mid:1\r\n", ""), "m-line 1 has no a=mid");
    }

    @Test
    void bundleNamingAMissingMid() {
        assertFails(publisher.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 7 0 1"), "a=group:BUNDLE names mid 7");
    }

    @Test
    void videoWithOnlyAnUnsupportedCodec() {
        assertFails(offer("m=video 9 UDP/TLS/RTP/SAVPF 49 50\r\n" + MEDIA_COMMON
                        + "a=rtpmap:49 H265/90000\r\na=rtpmap:50 rtx/90000\r\na=fmtp:50 apt=49\r\n"),
                "m-line 0 (mid 0): no supported codec in m=video (offered: H265)");
    }

    @Test
    void unsupportedCodecParametersAreNamed() {
        assertFails(offer("m=video 9 UDP/TLS/RTP/SAVPF 100 41 42\r\n" + MEDIA_COMMON
                        + "a=rtpmap:100 VP9/90000\r\na=fmtp:100 profile-id=2\r\n"
                        + "a=rtpmap:41 H264/90000\r\na=fmtp:41 packetization-mode=1;profile-level-id=f4001f\r\n"
                        + "a=rtpmap:42 H264/90000\r\na=fmtp:42 packetization-mode=2;profile-level-id=42e01f\r\n"),
                "no supported codec in m=video (offered: VP9 profile-id=2, H264 profile-level-id=f4001f, "
                        + "H264 packetization-mode=2)");
    }

    @Test
    void audioWithoutOpus() {
        assertFails(offer("m=audio 9 UDP/TLS/RTP/SAVPF 0 8 126\r\n" + MEDIA_COMMON
                        + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:126 telephone-event/8000\r\n"),
                "no supported codec in m=audio (offered: PCMU/8000, PCMA/8000, telephone-event/8000)");
    }

    @Test
    void onlyADatachannel() {
        assertFails(offer("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n" + MEDIA_COMMON
                        + "a=sctp-port:5000\r\n"),
                "m-line 0 (mid 0): m=application is not supported (data channels are not implemented)");
    }

    @Test
    void malformedSdp() {
        assertFails("v=0\r\nhello\r\n", "offer is not valid SDP: line 2: expected '<type>=<value>'");
    }

    @Test
    void offerWithoutMedia() {
        assertFails("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "offer has no m-lines");
    }

    static final String MEDIA_COMMON = "c=IN IP4 0.0.0.0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\n"
            + "a=fingerprint:sha-256 " + OfferFixtures.FINGERPRINT + "\r\na=setup:actpass\r\na=mid:0\r\n"
            + "a=sendonly\r\na=rtcp-mux\r\n";

    /** A single-m-line bundled offer around {@code media}. */
    static String offer(String media) {
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n" + media;
    }

    private static void assertFails(String offer, String message) {
        assertThatThrownBy(() -> SdpNegotiator.answer(offer, MediaRole.PUBLISH, LOCAL, NO_SSRCS))
                .isInstanceOf(NegotiationException.class)
                .hasMessageContaining(message);
    }
}
