package io.mediamesh.core.sdp;

import static io.mediamesh.core.sdp.OfferFixtures.LOCAL;
import static io.mediamesh.core.sdp.OfferFixtures.NO_SSRCS;
import static io.mediamesh.core.sdp.SdpNegotiatorErrorTest.MEDIA_COMMON;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.proto.sdp.ExtMap;
import io.mediamesh.proto.sdp.MediaDescription;
import io.mediamesh.proto.sdp.SessionDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Codec, direction, extension and BUNDLE rules on small hand-written offers. */
class SdpNegotiatorPolicyTest {

    private static final String TWO_LINES = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + MEDIA_COMMON + "a=rtpmap:111 opus/48000/2\r\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n" + MEDIA_COMMON.replace("a=mid:0", "a=mid:1")
            + "a=rtpmap:96 VP8/90000\r\n";

    @Test
    void h264ProfilesAndModes() {
        NegotiationResult result = video("100 101 102 103 104 105 106",
                "a=rtpmap:100 H264/90000\r\na=fmtp:100 packetization-mode=1;profile-level-id=640c1f\r\n"
                        + "a=rtpmap:101 H264/90000\r\na=fmtp:101 packetization-mode=1;profile-level-id=64001f\r\n"
                        + "a=rtpmap:102 H264/90000\r\na=fmtp:102 packetization-mode=0;profile-level-id=4d0032\r\n"
                        + "a=rtpmap:103 H264/90000\r\na=fmtp:103 packetization-mode=1;profile-level-id=F4001F\r\n"
                        + "a=rtpmap:104 H264/90000\r\n"
                        + "a=rtpmap:105 H264/90000\r\na=fmtp:105 packetization-mode=1;profile-level-id=42E01F\r\n"
                        + "a=rtpmap:106 H264/90000\r\na=fmtp:106 packetization-mode=1;profile-level-id=58001f\r\n");

        assertThat(result.media().get(0).codecs()).extracting(NegotiatedCodec::payloadType)
                .containsExactly(100, 101, 102, 104, 105);
        assertThat(result.media().get(0).codec(104).fmtp()).isEmpty();
        assertThat(result.media().get(0).codec(105).fmtp()).isEqualTo("packetization-mode=1;profile-level-id=42E01F");
    }

    @Test
    void rtxIsKeptOnlyWithItsAptAndFeedbackIsFiltered() {
        NegotiationResult result = video("96 97 45 46 118 119 120",
                "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:* nack\r\na=rtcp-fb:96 transport-cc\r\na=rtcp-fb:96 nack  pli\r\n"
                        + "a=rtcp-fb:96 ccm fir\r\na=rtcp-fb:96 goog-remb\r\na=rtcp-fb:96 nack\r\n"
                        + "a=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96;rtx-time=3000\r\n"
                        + "a=rtpmap:45 AV1/90000\r\na=rtpmap:46 rtx/90000\r\na=fmtp:46 apt=45\r\n"
                        + "a=rtpmap:118 red/90000\r\na=rtpmap:119 rtx/90000\r\na=fmtp:119 apt=118\r\n"
                        + "a=rtpmap:120 ulpfec/90000\r\n");
        MediaDescription video = SessionDescription.parse(result.answerSdp()).media().get(0);

        assertThat(video.formats()).containsExactly("96", "97");
        assertThat(result.media().get(0).codecs()).containsExactly(new NegotiatedCodec("vp8", 96, 90000, 1, "", 97,
                List.of("nack", "transport-cc", "nack pli", "ccm fir", "goog-remb")));
        assertThat(video.fmtp(97)).contains("apt=96;rtx-time=3000");
        assertThat(video.attributes("rtcp-fb")).containsExactly("96 nack", "96 transport-cc", "96 nack pli",
                "96 ccm fir", "96 goog-remb");
    }

    @Test
    void opusMustBeStereo48k() {
        NegotiationResult result = SdpNegotiator.answer(SdpNegotiatorErrorTest.offer("m=audio 9 UDP/TLS/RTP/SAVPF 100 111\r\n"
                + MEDIA_COMMON + "a=rtpmap:100 opus/48000\r\na=rtpmap:111 OPUS/48000/2\r\n"), MediaRole.PUBLISH, LOCAL,
                NO_SSRCS);

        assertThat(result.media().get(0).codecs()).extracting(NegotiatedCodec::name, NegotiatedCodec::payloadType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("opus", 111));
        assertThat(result.answerSdp()).contains("a=rtpmap:111 OPUS/48000/2\r\n");
    }

    @Test
    void publishDirections() {
        assertThat(directions(TWO_LINES.replace("a=sendonly", "a=sendrecv"), MediaRole.PUBLISH))
                .containsExactly("recvonly", "recvonly");
        assertThat(directions(TWO_LINES.replaceFirst("a=sendonly", "a=recvonly")
                .replaceFirst("a=sendonly", "a=inactive"), MediaRole.PUBLISH)).containsExactly("inactive", "inactive");
    }

    @Test
    void subscribeDirectionsAllocateSsrcsOnlyForSendingLines() {
        OfferFixtures.CountingSsrcs ssrcs = new OfferFixtures.CountingSsrcs(7);
        NegotiationResult result = SdpNegotiator.answer(TWO_LINES.replaceFirst("a=sendonly", "a=sendrecv"),
                MediaRole.SUBSCRIBE, LOCAL, ssrcs);

        assertThat(result.media()).extracting(NegotiatedMedia::direction).containsExactly("sendonly", "inactive");
        assertThat(result.media()).extracting(NegotiatedMedia::localSsrc).containsExactly(7L, -1L);
        assertThat(result.media().get(1).accepted()).isTrue();
        assertThat(ssrcs.taken).isEqualTo(1);
        assertThat(SessionDescription.parse(result.answerSdp()).bundleGroup()).containsExactly("0", "1");
    }

    @Test
    void mLinesOutsideBundleOrRejectedByTheOfferGetPortZero() {
        String offer = TWO_LINES.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0");
        SessionDescription answer = SessionDescription.parse(
                SdpNegotiator.answer(offer, MediaRole.PUBLISH, LOCAL, NO_SSRCS).answerSdp());

        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(40000, 0);
        assertThat(answer.bundleGroup()).containsExactly("0");

        String portZero = TWO_LINES.replace("m=video 9 ", "m=video 0 ");
        assertThat(SessionDescription.parse(SdpNegotiator.answer(portZero, MediaRole.PUBLISH, LOCAL, NO_SSRCS)
                .answerSdp()).media().get(1).port()).isZero();
    }

    @Test
    void extmapDirectionsAreMirroredAndTransportCcIsKeptForPublishers() {
        NegotiationResult result = video("96", "a=extmap:3 " + RtpExtensionUris.TRANSPORT_WIDE_CC + "\r\n"
                + "a=extmap:4/sendonly " + RtpExtensionUris.MID + "\r\n"
                + "a=extmap:5 " + RtpExtensionUris.MID + "\r\n"
                + "a=extmap:6 urn:example:unknown\r\n"
                + "a=rtpmap:96 VP8/90000\r\n");

        assertThat(SessionDescription.parse(result.answerSdp()).media().get(0).extMaps()).containsExactly(
                new ExtMap(3, null, RtpExtensionUris.TRANSPORT_WIDE_CC), new ExtMap(4, "recvonly", RtpExtensionUris.MID));
        assertThat(result.media().get(0).extensions().asMap()).containsOnly(java.util.Map.entry(RtpExtensionUris.MID, 4),
                java.util.Map.entry(RtpExtensionUris.TRANSPORT_WIDE_CC, 3));
    }

    @Test
    void sessionLevelCredentialsAndMissingSetupAreAccepted() {
        String offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=ice-ufrag:sess\r\n"
                + "a=ice-pwd:sessionpassword0000000\r\na=fingerprint:sha-256 " + OfferFixtures.FINGERPRINT + "\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:96 VP8/90000\r\n";

        RemoteTransport remote = SdpNegotiator.answer(offer, MediaRole.PUBLISH, LOCAL, NO_SSRCS).remote();

        assertThat(remote).isEqualTo(new RemoteTransport("sess", "sessionpassword0000000", "sha-256",
                OfferFixtures.FINGERPRINT, "active"));
    }

    @Test
    void noCandidatesMeansDiscardPortAndUnspecifiedAddress() {
        LocalTransport none = new LocalTransport("mmUf", "mediameshpassword00001", OfferFixtures.FINGERPRINT, List.of());
        MediaDescription m = SessionDescription.parse(SdpNegotiator.answer(TWO_LINES, MediaRole.PUBLISH, none, NO_SSRCS)
                .answerSdp()).media().get(0);

        assertThat(m.port()).isEqualTo(9);
        assertThat(m.connection()).isEqualTo("IN IP4 0.0.0.0");
        assertThat(m.attributes("candidate")).isEmpty();
        assertThat(m.has("end-of-candidates")).isTrue();
    }

    private static List<String> directions(String offer, MediaRole role) {
        return SdpNegotiator.answer(offer, role, LOCAL, NO_SSRCS).media().stream().map(NegotiatedMedia::direction).toList();
    }

    private static NegotiationResult video(String formats, String attributes) {
        return SdpNegotiator.answer(SdpNegotiatorErrorTest.offer("m=video 9 UDP/TLS/RTP/SAVPF " + formats + "\r\n"
                + MEDIA_COMMON + attributes), MediaRole.PUBLISH, LOCAL, NO_SSRCS);
    }
}
