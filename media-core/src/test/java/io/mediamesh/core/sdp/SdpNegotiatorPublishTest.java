package io.mediamesh.core.sdp;

import static io.mediamesh.core.sdp.OfferFixtures.LOCAL;
import static io.mediamesh.core.sdp.OfferFixtures.NO_SSRCS;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.proto.sdp.ExtMap;
import io.mediamesh.proto.sdp.MediaDescription;
import io.mediamesh.proto.sdp.Rid;
import io.mediamesh.proto.sdp.SessionDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WHIP answers to real Chromium publisher offers, read back with the SDP parser. */
class SdpNegotiatorPublishTest {

    private final NegotiationResult publisher = answer(OfferFixtures.PUBLISHER);
    private final SessionDescription answer = SessionDescription.parse(publisher.answerSdp());

    @Test
    void sessionLevelIsIceLiteAndBundlesBothMids() {
        assertThat(answer.iceLite()).isTrue();
        assertThat(answer.bundleGroup()).containsExactly("0", "1");
        assertThat(answer.media()).extracting(MediaDescription::mid).containsExactly("0", "1");
        assertThat(answer.media()).extracting(MediaDescription::kind).containsExactly("audio", "video");
        assertThat(answer.toString()).isEqualTo(publisher.answerSdp());
        assertThat(publisher.answerSdp()).doesNotContain("\n\n").endsWith("\r\n");
    }

    @Test
    void everyAcceptedMLineCarriesOurTransport() {
        for (MediaDescription m : answer.media()) {
            assertThat(answer.iceUfrag(m)).contains("mmUf");
            assertThat(answer.icePwd(m)).contains("mediameshpassword00001");
            assertThat(answer.setup(m)).contains("passive");
            assertThat(m.attribute("fingerprint")).contains("sha-256 " + OfferFixtures.FINGERPRINT);
            assertThat(m.attributes("candidate")).containsExactly(
                    "1 1 udp 2130706431 192.0.2.10 40000 typ host",
                    "2 1 udp 2130706175 ::1 40002 typ host");
            assertThat(m.has("end-of-candidates")).isTrue();
            assertThat(m.port()).isEqualTo(40000);
            assertThat(m.connection()).isEqualTo("IN IP4 192.0.2.10");
            assertThat(m.has("rtcp-mux")).isTrue();
            assertThat(m.has("rtcp-rsize")).isTrue();
            assertThat(m.direction()).isEqualTo("recvonly");
            assertThat(m.ssrcs()).isEmpty();
        }
    }

    @Test
    void remoteTransportComesFromTheOffer() {
        assertThat(publisher.remote()).isEqualTo(new RemoteTransport("aEel", "/eOD9lCxuiaz4QbKjw/1Xhky", "sha-256",
                "E7:8C:63:C2:77:90:5C:9A:0A:38:BC:37:47:EC:92:A4:C6:A7:6A:6C:6F:BA:6E:1C:39:2B:51:1D:F1:CB:EF:04",
                "actpass"));
    }

    @Test
    void audioKeepsOpusAndItsRedFirstAndTransportCcForTheFeedbackWeSend() {
        MediaDescription audio = answer.media().get(0);
        NegotiatedMedia media = publisher.media().get(0);

        // RED first: the browser sends the answer's first codec, so it sends Opus with redundancy (RFC 2198).
        assertThat(audio.formats()).containsExactly("63", "111");
        assertThat(audio.attributes("rtpmap")).containsExactlyInAnyOrder("111 opus/48000/2", "63 red/48000/2");
        assertThat(audio.fmtp(111)).contains("minptime=10;useinbandfec=1");
        assertThat(audio.fmtp(63)).contains("111/111");
        assertThat(audio.attributes("rtcp-fb")).containsExactly("111 transport-cc");
        assertThat(media.codecs()).containsExactly(
                new NegotiatedCodec("opus", 111, 48000, 2, "minptime=10;useinbandfec=1", -1, List.of("transport-cc")),
                new NegotiatedCodec("red", 63, 48000, 2, "111/111", -1, List.of()));
        assertThat(audio.extMaps()).containsExactly(
                new ExtMap(1, null, RtpExtensionUris.SSRC_AUDIO_LEVEL),
                new ExtMap(2, null, RtpExtensionUris.ABS_SEND_TIME),
                new ExtMap(3, null, RtpExtensionUris.TRANSPORT_WIDE_CC),
                new ExtMap(4, null, RtpExtensionUris.MID));
        assertThat(media.extensions().id(RtpExtensionUris.MID)).isEqualTo(4);
        assertThat(media.extensions().id(RtpExtensionUris.TRANSPORT_WIDE_CC)).isEqualTo(3);
        assertThat(media.extensions().id(RtpExtensionUris.SSRC_AUDIO_LEVEL)).isEqualTo(1);
    }

    @Test
    void videoKeepsSupportedCodecsInOfferOrderWithTheirRtx() {
        MediaDescription video = answer.media().get(1);
        NegotiatedMedia media = publisher.media().get(1);

        assertThat(video.formats()).containsExactly("96", "97", "102", "103", "104", "107", "108", "109", "114", "115",
                "116", "117", "39", "40", "98", "99");
        assertThat(media.codecs()).extracting(NegotiatedCodec::name)
                .containsExactly("vp8", "h264", "h264", "h264", "h264", "h264", "h264", "vp9");
        assertThat(media.codec(96).rtxPayloadType()).isEqualTo(97);
        assertThat(media.codec(39)).isEqualTo(new NegotiatedCodec("h264", 39, 90000, 1,
                "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=4d001f", 40,
                List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli")));
        assertThat(video.fmtp(97)).contains("apt=96");
        assertThat(video.rtcpFeedback(96)).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
        assertThat(video.attributes("rtpmap")).noneMatch(r -> r.contains("AV1") || r.contains("red")
                || r.contains("ulpfec"));
        assertThat(video.fmtp(100)).isEmpty();
    }

    @Test
    void videoExtensionsKeepOfferedIdsAndDropTheRest() {
        NegotiatedMedia media = publisher.media().get(1);

        assertThat(answer.media().get(1).extMaps()).containsExactly(
                new ExtMap(2, null, RtpExtensionUris.ABS_SEND_TIME),
                new ExtMap(13, null, RtpExtensionUris.VIDEO_ORIENTATION),
                new ExtMap(3, null, RtpExtensionUris.TRANSPORT_WIDE_CC),
                new ExtMap(4, null, RtpExtensionUris.MID),
                new ExtMap(10, null, RtpExtensionUris.RID),
                new ExtMap(11, null, RtpExtensionUris.REPAIRED_RID));
        assertThat(media.extensions().uri(13)).isEqualTo(RtpExtensionUris.VIDEO_ORIENTATION);
        assertThat(media.extensions().uri(3)).isEqualTo(RtpExtensionUris.TRANSPORT_WIDE_CC);
    }

    @Test
    void remoteStreamsPairMediaAndRtxByFidGroup() {
        NegotiatedMedia audio = publisher.media().get(0);
        NegotiatedMedia video = publisher.media().get(1);

        assertThat(audio.remoteStreams()).containsExactly(new RemoteStream(2317770199L, -1, null, "MxPfSwWpfpLhFLGl"));
        assertThat(video.remoteStreams()).containsExactly(
                new RemoteStream(1500395981L, 3922183028L, null, "MxPfSwWpfpLhFLGl"));
        assertThat(video.msid()).isEqualTo("a44fca50-b56c-4b72-b74b-2bf7b65bcdde c74fbd82-1e93-45a4-9e11-93f468dece44");
        assertThat(video).extracting(NegotiatedMedia::index, NegotiatedMedia::mid, NegotiatedMedia::kind,
                NegotiatedMedia::direction, NegotiatedMedia::accepted, NegotiatedMedia::simulcast,
                NegotiatedMedia::localSsrc, NegotiatedMedia::localRtxSsrc)
                .containsExactly(1, "1", MediaKind.VIDEO, "recvonly", true, false, -1L, -1L);
    }

    @Test
    void h264FirstOfferKeepsH264First() {
        NegotiationResult result = answer(OfferFixtures.PUBLISHER_H264);
        MediaDescription video = SessionDescription.parse(result.answerSdp()).media().get(1);

        assertThat(video.formats()).startsWith("102", "103", "104", "107").contains("96", "97");
        assertThat(result.media().get(1).codecs().get(0)).extracting(NegotiatedCodec::name, NegotiatedCodec::payloadType,
                NegotiatedCodec::fmtp, NegotiatedCodec::rtxPayloadType)
                .containsExactly("h264", 102, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f", 103);
        assertThat(video.fmtp(104)).contains("level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f");
    }

    @Test
    void simulcastOfferIsEchoedAsRecvRidsAndSimulcastRecv() {
        NegotiationResult result = answer(OfferFixtures.SIMULCAST);
        MediaDescription video = SessionDescription.parse(result.answerSdp()).media().get(1);
        NegotiatedMedia media = result.media().get(1);

        assertThat(video.rids()).containsExactly(new Rid("q", "recv", ""), new Rid("h", "recv", ""),
                new Rid("f", "recv", ""));
        assertThat(video.simulcast()).contains("recv q;h;f");
        assertThat(media.rids()).containsExactly("q", "h", "f");
        assertThat(media.simulcast()).isTrue();
        assertThat(media.remoteStreams()).isEmpty();
        assertThat(media.extensions().id(RtpExtensionUris.RID)).isEqualTo(10);
        assertThat(media.extensions().id(RtpExtensionUris.REPAIRED_RID)).isEqualTo(11);
        assertThat(result.media().get(0).simulcast()).isFalse();
        assertThat(SessionDescription.parse(result.answerSdp()).media().get(0).rids()).isEmpty();
    }

    @Test
    void legacySimulcastKeepsTheSimGroupsLayerOrderAndAnswersAsAConference() {
        // Chrome's publisher offer munged the pre-rid way (as Jitsi and Janus clients did): three media SSRCs, each
        // with its RTX, grouped by a=ssrc-group:SIM lowest layer first, listed here in another order.
        String munged = OfferFixtures.load(OfferFixtures.PUBLISHER).replace("a=ssrc-group:FID 1500395981 3922183028\r\n",
                "a=ssrc-group:FID 1500395981 3922183028\r\n"
                        + "a=ssrc-group:FID 3000000003 3000000004\r\n"
                        + "a=ssrc-group:FID 2000000001 2000000002\r\n"
                        + "a=ssrc-group:SIM 1500395981 2000000001 3000000003\r\n"
                        + "a=ssrc:3000000003 cname:MxPfSwWpfpLhFLGl\r\n"
                        + "a=ssrc:3000000004 cname:MxPfSwWpfpLhFLGl\r\n"
                        + "a=ssrc:2000000001 cname:MxPfSwWpfpLhFLGl\r\n"
                        + "a=ssrc:2000000002 cname:MxPfSwWpfpLhFLGl\r\n");
        assertThat(munged).contains("SIM");
        NegotiationResult result = SdpNegotiator.answer(munged, MediaRole.PUBLISH, LOCAL, NO_SSRCS);
        NegotiatedMedia video = result.media().get(1);

        assertThat(video.remoteStreams()).extracting(RemoteStream::ssrc, RemoteStream::rtxSsrc).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1500395981L, 3922183028L),
                org.assertj.core.groups.Tuple.tuple(2000000001L, 2000000002L),
                org.assertj.core.groups.Tuple.tuple(3000000003L, 3000000004L));
        assertThat(video.rids()).isEmpty();
        assertThat(SessionDescription.parse(result.answerSdp()).media().get(1).attributes("x-google-flag"))
                .containsExactly("conference");
        assertThat(SessionDescription.parse(publisher.answerSdp()).media().get(1).attributes("x-google-flag"))
                .as("no conference flag without a SIM group").isEmpty();
    }

    @Test
    void datachannelMLineIsRejectedAndLeftOutOfBundle() {
        NegotiationResult result = answer(OfferFixtures.DATACHANNEL);
        SessionDescription sdp = SessionDescription.parse(result.answerSdp());
        MediaDescription app = sdp.media().get(2);

        assertThat(sdp.media()).hasSize(3);
        assertThat(sdp.bundleGroup()).containsExactly("0", "1");
        assertThat(app.port()).isZero();
        assertThat(app.kind()).isEqualTo("application");
        assertThat(app.protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(app.formats()).containsExactly("webrtc-datachannel");
        assertThat(app.mid()).isEqualTo("2");
        assertThat(app.has("candidate")).isFalse();
        assertThat(result.media().get(2)).extracting(NegotiatedMedia::accepted, NegotiatedMedia::kind,
                NegotiatedMedia::direction).containsExactly(false, null, "inactive");
        assertThat(result.media().get(0).accepted()).isTrue();
    }

    private static NegotiationResult answer(String fixture) {
        return SdpNegotiator.answer(OfferFixtures.load(fixture), MediaRole.PUBLISH, LOCAL, NO_SSRCS);
    }
}
