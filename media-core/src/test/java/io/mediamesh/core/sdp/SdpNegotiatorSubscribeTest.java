package io.mediamesh.core.sdp;

import static io.mediamesh.core.sdp.OfferFixtures.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.proto.sdp.MediaDescription;
import io.mediamesh.proto.sdp.SessionDescription;
import io.mediamesh.proto.sdp.SsrcAttribute;
import io.mediamesh.proto.sdp.SsrcGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WHEP answers to the real Chromium recvonly viewer offer. */
class SdpNegotiatorSubscribeTest {

    private final OfferFixtures.CountingSsrcs ssrcs = new OfferFixtures.CountingSsrcs(1000);
    private final NegotiationResult result = SdpNegotiator.answer(OfferFixtures.load(OfferFixtures.VIEWER),
            MediaRole.SUBSCRIBE, LOCAL, ssrcs);
    private final SessionDescription answer = SessionDescription.parse(result.answerSdp());
    private final String cname = SdpNegotiator.cname(LOCAL);

    @Test
    void answersSendonlyOnBothMLines() {
        assertThat(answer.media()).extracting(MediaDescription::direction).containsExactly("sendonly", "sendonly");
        assertThat(answer.bundleGroup()).containsExactly("0", "1");
        assertThat(answer.iceLite()).isTrue();
        assertThat(answer.attribute("msid-semantic")).contains(" WMS *");
        assertThat(result.media()).extracting(NegotiatedMedia::direction).containsExactly("sendonly", "sendonly");
    }

    @Test
    void allocatesMediaThenRtxSsrcsInOfferOrder() {
        assertThat(ssrcs.taken).isEqualTo(3);
        assertThat(result.media().get(0)).extracting(NegotiatedMedia::localSsrc, NegotiatedMedia::localRtxSsrc)
                .containsExactly(1000L, -1L);
        assertThat(result.media().get(1)).extracting(NegotiatedMedia::localSsrc, NegotiatedMedia::localRtxSsrc)
                .containsExactly(1001L, 1002L);
    }

    @Test
    void audioAnnouncesOurSsrcWithCnameAndMsid() {
        MediaDescription audio = answer.media().get(0);
        String msid = cname + " audio-0";

        assertThat(audio.msid()).contains(msid);
        assertThat(audio.ssrcs()).containsExactly(new SsrcAttribute(1000, "cname", cname),
                new SsrcAttribute(1000, "msid", msid));
        assertThat(audio.ssrcGroups()).isEmpty();
        assertThat(result.media().get(0).msid()).isEqualTo(msid);
        assertThat(result.media().get(0).remoteStreams()).isEmpty();
    }

    @Test
    void videoAnnouncesAFidGroupForRtx() {
        MediaDescription video = answer.media().get(1);
        String msid = cname + " video-1";

        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(1001L, 1002L)));
        assertThat(video.ssrcs()).containsExactly(
                new SsrcAttribute(1001, "cname", cname), new SsrcAttribute(1001, "msid", msid),
                new SsrcAttribute(1002, "cname", cname), new SsrcAttribute(1002, "msid", msid));
    }

    @Test
    void videoAnswersEverySupportedCodecAndDropsHigh444Av1AndFec() {
        NegotiatedMedia video = result.media().get(1);

        assertThat(video.codecs()).extracting(NegotiatedCodec::payloadType)
                .containsExactly(96, 98, 102, 104, 108, 114, 116, 39);
        assertThat(answer.media().get(1).formats()).containsExactly("96", "97", "98", "99", "102", "103", "104", "107",
                "108", "109", "114", "115", "116", "117", "39", "40");
        assertThat(result.answerSdp()).doesNotContain("f4001f", "profile-id=2", "AV1", "flexfec", "ulpfec");
    }

    @Test
    void ssrcsAreMaskedTo32Bits() {
        NegotiationResult masked = SdpNegotiator.answer(OfferFixtures.load(OfferFixtures.VIEWER), MediaRole.SUBSCRIBE,
                LOCAL, new OfferFixtures.CountingSsrcs(0x1_FFFF_FFFEL));

        assertThat(masked.media().get(0).localSsrc()).isEqualTo(0xFFFF_FFFEL);
        assertThat(masked.media().get(1).localSsrc()).isEqualTo(0xFFFF_FFFFL);
        assertThat(masked.media().get(1).localRtxSsrc()).isEqualTo(0L);
    }

    @Test
    void keepsTheAudioLevelExtensionSoForwardedPacketsCarryIt() {
        MediaDescription audio = answer.media().get(0);
        assertThat(audio.extMaps()).anyMatch(e -> e.uri().equals(RtpExtensionUris.SSRC_AUDIO_LEVEL));
        assertThat(result.media().get(0).extensions().id(RtpExtensionUris.SSRC_AUDIO_LEVEL)).isPositive();
    }
}
