package io.mediamesh.proto.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed helpers read from the real Chromium 156 offers. */
class ChromiumOfferHelpersTest {

    private final SessionDescription publisher = SessionDescription.parse(Fixtures.load(Fixtures.PUBLISHER));

    @Test
    void sessionLevelFieldsAndBundleGroup() {
        assertThat(publisher.origin()).isEqualTo("- 6695695990477906673 2 IN IP4 127.0.0.1");
        assertThat(publisher.sessionName()).isEqualTo("-");
        assertThat(publisher.bundleGroup()).containsExactly("0", "1");
        assertThat(publisher.attribute("extmap-allow-mixed")).contains("");
        assertThat(publisher.attribute("msid-semantic")).contains(" WMS a44fca50-b56c-4b72-b74b-2bf7b65bcdde");
        assertThat(publisher.iceLite()).isFalse();
        assertThat(publisher.media()).extracting(MediaDescription::kind).containsExactly("audio", "video");
    }

    @Test
    void audioMediaLineAndRtpMaps() {
        MediaDescription audio = publisher.media().get(0);

        assertThat(audio.port()).isEqualTo(43389);
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        assertThat(audio.connection()).isEqualTo("IN IP4 192.0.2.2");
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.direction()).isEqualTo("sendonly");
        assertThat(audio.has("rtcp-mux")).isTrue();
        assertThat(audio.rtpMaps()).startsWith(new RtpMap(111, "opus", 48000, 2), new RtpMap(63, "red", 48000, 2))
                .contains(new RtpMap(0, "PCMU", 8000, 1), new RtpMap(126, "telephone-event", 8000, 1))
                .hasSize(8);
        assertThat(audio.fmtp(111)).contains("minptime=10;useinbandfec=1");
        assertThat(audio.fmtp(0)).isEmpty();
        assertThat(audio.rtcpFeedback(111)).containsExactly("transport-cc");
        assertThat(audio.msid()).contains("a44fca50-b56c-4b72-b74b-2bf7b65bcdde a3159e58-8756-4da7-97ee-dcac9be69579");
    }

    @Test
    void audioExtMapsAndSsrcs() {
        MediaDescription audio = publisher.media().get(0);

        assertThat(audio.extMaps()).containsExactly(
                new ExtMap(1, null, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
                new ExtMap(2, null, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
                new ExtMap(3, null, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
                new ExtMap(4, null, "urn:ietf:params:rtp-hdrext:sdes:mid"));
        assertThat(audio.ssrcs()).containsExactly(
                new SsrcAttribute(2317770199L, "cname", "MxPfSwWpfpLhFLGl"),
                new SsrcAttribute(2317770199L, "msid",
                        "a44fca50-b56c-4b72-b74b-2bf7b65bcdde a3159e58-8756-4da7-97ee-dcac9be69579"));
        assertThat(audio.ssrcGroups()).isEmpty();
    }

    @Test
    void videoRtxFeedbackAndFidGroup() {
        MediaDescription video = publisher.media().get(1);

        assertThat(video.rtpMap(97)).contains(new RtpMap(97, "rtx", 90000, 1));
        assertThat(video.fmtp(97)).contains("apt=96");
        assertThat(video.fmtp(102)).contains("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f");
        assertThat(video.rtcpFeedback(96)).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(1500395981L, 3922183028L)));
        assertThat(video.ssrcs()).hasSize(4).allMatch(s -> s.attribute().equals("cname") || s.attribute().equals("msid"));
        assertThat(video.extMaps()).contains(new ExtMap(13, null, "urn:3gpp:video-orientation"),
                new ExtMap(10, null, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"));
        assertThat(video.rids()).isEmpty();
        assertThat(video.simulcast()).isEmpty();
    }

    @Test
    void transportResolversPreferMediaLevelThenSessionLevel() {
        MediaDescription audio = publisher.media().get(0);

        assertThat(publisher.iceUfrag(audio)).contains("aEel");
        assertThat(publisher.icePwd(audio)).contains("/eOD9lCxuiaz4QbKjw/1Xhky");
        assertThat(publisher.setup(audio)).contains("actpass");
        assertThat(publisher.fingerprint(audio)).contains(new Fingerprint("sha-256",
                "E7:8C:63:C2:77:90:5C:9A:0A:38:BC:37:47:EC:92:A4:C6:A7:6A:6C:6F:BA:6E:1C:39:2B:51:1D:F1:CB:EF:04"));

        SessionDescription sessionLevel = SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
                + "a=ice-ufrag:sess\r\na=ice-pwd:sessionpassword\r\na=fingerprint:SHA-1 AB:CD\r\na=setup:active\r\n"
                + "a=recvonly\r\nm=audio 9 RTP/SAVPF 0\r\na=ice-ufrag:media\r\nm=video 9 RTP/SAVPF 96\r\na=sendrecv\r\n");
        MediaDescription first = sessionLevel.media().get(0);
        MediaDescription second = sessionLevel.media().get(1);
        assertThat(sessionLevel.iceUfrag(first)).contains("media");
        assertThat(sessionLevel.iceUfrag(second)).contains("sess");
        assertThat(sessionLevel.icePwd(first)).contains("sessionpassword");
        assertThat(sessionLevel.fingerprint(first)).contains(new Fingerprint("sha-1", "AB:CD"));
        assertThat(sessionLevel.setup(second)).contains("active");
        assertThat(sessionLevel.direction(first)).isEqualTo("recvonly");
        assertThat(sessionLevel.direction(second)).isEqualTo("sendrecv");
        assertThat(first.direction()).isEqualTo("sendrecv");
        assertThat(sessionLevel.bundleGroup()).isEmpty();
    }

    @Test
    void simulcastOfferHasRidsAndNoVideoSsrcs() {
        SessionDescription sdp = SessionDescription.parse(Fixtures.load(Fixtures.SIMULCAST));
        MediaDescription video = sdp.media().get(1);

        assertThat(video.rids()).containsExactly(new Rid("q", "send", ""), new Rid("h", "send", ""),
                new Rid("f", "send", ""));
        assertThat(video.simulcast()).contains("send q;h;f");
        assertThat(video.simulcastDescription().orElseThrow().sendRids()).containsExactly("q", "h", "f");
        assertThat(video.ssrcs()).isEmpty();
    }

    @Test
    void viewerOfferIsRecvonlyWithoutSsrcs() {
        SessionDescription sdp = SessionDescription.parse(Fixtures.load(Fixtures.VIEWER));

        assertThat(sdp.media()).extracting(MediaDescription::direction).containsExactly("recvonly", "recvonly");
        assertThat(sdp.media()).allMatch(m -> m.ssrcs().isEmpty() && m.msid().isEmpty());
        assertThat(sdp.attribute("msid-semantic")).contains(" WMS");
    }

    @Test
    void datachannelOfferHasAnApplicationSection() {
        SessionDescription sdp = SessionDescription.parse(Fixtures.load(Fixtures.DATACHANNEL));
        MediaDescription app = sdp.media().get(2);

        assertThat(sdp.bundleGroup()).containsExactly("0", "1", "2");
        assertThat(app.kind()).isEqualTo("application");
        assertThat(app.protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(app.formats()).containsExactly("webrtc-datachannel");
        assertThat(app.attribute("sctp-port")).contains("5000");
        assertThat(sdp.mediaByMid("2")).contains(app);
    }
}
