package io.mediamesh.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.sip.sdp.SdpNegotiationException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipSdpTest {
    private static final String US = "203.0.113.10";

    /** A Linphone-like offer: opus, PCMU, PCMA and telephone-event at both rates, with rtcp-fb noise. */
    private static final String LINPHONE = String.join("\r\n",
            "v=0",
            "o=alice 3076 1278 IN IP4 192.168.1.20",
            "s=Talk",
            "c=IN IP4 192.168.1.20",
            "t=0 0",
            "a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics",
            "m=audio 7078 RTP/AVP 96 0 8 101 97",
            "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 useinbandfec=1",
            "a=rtpmap:101 telephone-event/48000",
            "a=rtpmap:97 telephone-event/8000",
            "a=rtcp-fb:* trr-int 1000",
            "a=rtcp-fb:* ccm tmmbr",
            "") + "\r\n";

    /** A Cisco-like offer: PCMU only, static type without rtpmap for 0, ptime, session-level sendrecv. */
    private static final String CISCO = String.join("\r\n",
            "v=0",
            "o=CiscoSystemsCCM-SIP 2000 1 IN IP4 10.10.1.5",
            "s=SIP Call",
            "c=IN IP4 10.10.1.50",
            "b=AS:64",
            "t=0 0",
            "a=sendrecv",
            "m=audio 24580 RTP/AVP 0 101",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=ptime:20",
            "");

    /** SIPp's uac_pcap scenario offer (LF line ends, as in the scenario file). */
    private static final String SIPP = """
            v=0
            o=user1 53655765 2353687637 IN IP4 127.0.1.1
            s=-
            c=IN IP4 127.0.1.1
            t=0 0
            m=audio 6000 RTP/AVP 8 101
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-11,16
            """;

    /** A hold re-INVITE from the same Linphone: sendonly at media level. */
    private static final String LINPHONE_HOLD = LINPHONE.replace("o=alice 3076 1278", "o=alice 3076 1279")
            .replace("a=rtcp-fb:* ccm tmmbr\r\n", "a=rtcp-fb:* ccm tmmbr\r\na=sendonly\r\n");

    private final SipSdp withOpus = SipSdp.withDefaults(US, true);
    private final SipSdp withoutOpus = SipSdp.withDefaults(US, false);

    @Test
    void parsesTheLinphoneOffer() throws Exception {
        SessionDescription offer = SdpParser.parse(LINPHONE);
        assertThat(offer.origin()).isEqualTo("alice 3076 1278 IN IP4 192.168.1.20");
        MediaDescription audio = offer.media().get(0);
        assertThat(audio.port()).isEqualTo(7078);
        assertThat(audio.connection()).isEqualTo("192.168.1.20");
        assertThat(audio.direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(audio.formats()).containsExactly(
                new RtpFormat(96, "opus", 48000, 2, "useinbandfec=1"),
                new RtpFormat(0, null, 8000, 1, null),
                new RtpFormat(8, null, 8000, 1, null),
                new RtpFormat(101, "telephone-event", 48000, 1, null),
                new RtpFormat(97, "telephone-event", 8000, 1, null));
    }

    @Test
    void linphoneGetsOpusWithItsPayloadTypesAndTheMatchingTelephoneEvent() throws Exception {
        SdpAnswer answer = withOpus.answer(LINPHONE, 40000, 42, 1);
        assertThat(answer.audio()).isEqualTo(new NegotiatedAudio(AudioCodec.OPUS, 96, 101, "192.168.1.20", 7078,
                MediaDirection.SENDRECV, false, 0));
        assertThat(answer.sdp()).isEqualTo(String.join("\r\n",
                "v=0",
                "o=MediaMesh 42 1 IN IP4 203.0.113.10",
                "s=MediaMesh",
                "c=IN IP4 203.0.113.10",
                "t=0 0",
                "m=audio 40000 RTP/AVP 96 101",
                "a=rtpmap:96 opus/48000/2",
                "a=fmtp:96 minptime=10;useinbandfec=1",
                "a=rtpmap:101 telephone-event/48000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv",
                ""));
    }

    @Test
    void withoutOpusLinphoneGetsPcmuAndTheNarrowbandTelephoneEvent() throws Exception {
        SdpAnswer answer = withoutOpus.answer(LINPHONE, 40000, 42, 1);
        assertThat(answer.audio().codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(answer.audio().payloadType()).isZero();
        assertThat(answer.audio().telephoneEventPayloadType()).isEqualTo(97);
        assertThat(answer.sdp()).contains("m=audio 40000 RTP/AVP 0 97\r\n", "a=rtpmap:0 PCMU/8000\r\n",
                "a=rtpmap:97 telephone-event/8000\r\n").doesNotContain("opus");
    }

    @Test
    void theOrderIsConfigurable() throws Exception {
        SipSdp alawFirst = new SipSdp(US, List.of(AudioCodec.PCMA, AudioCodec.PCMU));
        assertThat(alawFirst.answer(LINPHONE, 40000, 1, 1).audio().codec()).isEqualTo(AudioCodec.PCMA);
    }

    @Test
    void ciscoPcmuOnly() throws Exception {
        SdpAnswer answer = withOpus.answer(CISCO, 40002, 7, 1);
        assertThat(answer.audio()).isEqualTo(new NegotiatedAudio(AudioCodec.PCMU, 0, 101, "10.10.1.50", 24580,
                MediaDirection.SENDRECV, false, 20));
        assertThat(answer.sdp()).contains("m=audio 40002 RTP/AVP 0 101\r\n", "a=sendrecv\r\n");
    }

    @Test
    void sippUacPcapOfferGetsPcma() throws Exception {
        SdpAnswer answer = withOpus.answer(SIPP, 40004, 9, 2);
        assertThat(answer.audio()).isEqualTo(new NegotiatedAudio(AudioCodec.PCMA, 8, 101, "127.0.1.1", 6000,
                MediaDirection.SENDRECV, false, 0));
        assertThat(answer.sdp()).contains("o=MediaMesh 9 2 IN IP4 203.0.113.10\r\n",
                "m=audio 40004 RTP/AVP 8 101\r\n", "a=rtpmap:8 PCMA/8000\r\n",
                "a=rtpmap:101 telephone-event/8000\r\n");
    }

    @Test
    void holdReInviteIsAnsweredRecvonly() throws Exception {
        SdpAnswer answer = withOpus.answer(LINPHONE_HOLD, 40000, 42, 2);
        assertThat(answer.audio().remoteHold()).isTrue();
        assertThat(answer.audio().localDirection()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(answer.audio().weSend()).isFalse();
        assertThat(answer.audio().weReceive()).isTrue();
        assertThat(answer.sdp()).contains("a=recvonly\r\n").doesNotContain("sendrecv");
    }

    @Test
    void inactiveIsAnsweredInactive() throws Exception {
        SdpAnswer answer = withOpus.answer(CISCO.replace("a=sendrecv", "a=inactive"), 40000, 1, 1);
        assertThat(answer.audio().localDirection()).isEqualTo(MediaDirection.INACTIVE);
        assertThat(answer.audio().remoteHold()).isTrue();
        SdpAnswer recvonly = withOpus.answer(CISCO.replace("a=sendrecv", "a=recvonly"), 40000, 1, 1);
        assertThat(recvonly.audio().localDirection()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(recvonly.audio().remoteHold()).isFalse();
    }

    @Test
    void oldStyleHoldWithANullConnectionAddress() throws Exception {
        SdpAnswer answer = withOpus.answer(CISCO.replace("c=IN IP4 10.10.1.50", "c=IN IP4 0.0.0.0"), 40000, 1, 2);
        assertThat(answer.audio().remoteHold()).isTrue();
        assertThat(answer.audio().remoteAddress()).isEqualTo("0.0.0.0");
        assertThat(answer.audio().weSend()).isFalse();
        assertThat(answer.sdp()).contains("a=recvonly\r\n", "c=IN IP4 203.0.113.10\r\n");
    }

    @Test
    void otherStreamsAreRejectedWithPortZero() throws Exception {
        String withVideo = LINPHONE + "m=video 9078 RTP/AVP 96 97\r\na=rtpmap:96 VP8/90000\r\nc=IN IP4 192.168.1.20\r\n";
        SdpAnswer answer = withOpus.answer(withVideo, 40000, 1, 1);
        assertThat(answer.sdp()).endsWith("a=sendrecv\r\nm=video 0 RTP/AVP 96 97\r\n");
    }

    @Test
    void mediaLevelConnectionAndDirectionOverrideTheSession() throws Exception {
        String offer = CISCO.replace("a=ptime:20\r\n", "a=ptime:30\r\nc=IN IP4 10.10.1.77/127\r\na=sendonly\r\n");
        SdpAnswer answer = withOpus.answer(offer, 40000, 1, 1);
        assertThat(answer.audio().remoteAddress()).isEqualTo("10.10.1.77");
        assertThat(answer.audio().localDirection()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(answer.audio().remotePtime()).isEqualTo(30);
    }

    @Test
    void nothingAcceptableIsATypedRefusal() {
        String g729 = SIPP.replace("RTP/AVP 8 101", "RTP/AVP 18 101").replace("a=rtpmap:8 PCMA/8000",
                "a=rtpmap:18 G729/8000");
        assertThatThrownBy(() -> withOpus.answer(g729, 40000, 1, 1))
                .isInstanceOfSatisfying(SdpNegotiationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_COMMON_CODEC));
        assertThatThrownBy(() -> withOpus.answer(SIPP.replace("RTP/AVP", "RTP/SAVP"), 40000, 1, 1))
                .isInstanceOfSatisfying(SdpNegotiationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_TRANSPORT));
        assertThatThrownBy(() -> withOpus.answer(SIPP.replace("m=audio 6000", "m=audio 0"), 40000, 1, 1))
                .isInstanceOfSatisfying(SdpNegotiationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_AUDIO));
        assertThatThrownBy(() -> withOpus.answer(SIPP.replace("m=audio 6000", "m=audio x"), 40000, 1, 1))
                .isInstanceOfSatisfying(SdpNegotiationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        assertThatThrownBy(() -> withOpus.answer("hello", 40000, 1, 1))
                .isInstanceOfSatisfying(SdpNegotiationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void ourOfferWithoutAndWithOpus() {
        assertThat(withoutOpus.offer(40010, MediaDirection.SENDRECV, 5, 1)).isEqualTo(String.join("\r\n",
                "v=0",
                "o=MediaMesh 5 1 IN IP4 203.0.113.10",
                "s=MediaMesh",
                "c=IN IP4 203.0.113.10",
                "t=0 0",
                "m=audio 40010 RTP/AVP 0 8 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv",
                ""));
        String offer = withOpus.offer(40010, MediaDirection.SENDONLY, 5, 2);
        assertThat(offer).contains("m=audio 40010 RTP/AVP 111 0 8 101 110\r\n", "a=rtpmap:111 opus/48000/2\r\n",
                "a=rtpmap:110 telephone-event/48000\r\n", "a=sendonly\r\n");
    }

    @Test
    void ourOfferAnsweredByOurselvesRoundTrips() throws Exception {
        String offer = withOpus.offer(40010, MediaDirection.SENDRECV, 5, 1);
        SdpAnswer answer = SipSdp.withDefaults("198.51.100.7", false).answer(offer, 30000, 8, 1);
        assertThat(answer.audio().codec()).isEqualTo(AudioCodec.PCMU);
        NegotiatedAudio accepted = withOpus.acceptAnswer(answer.sdp());
        assertThat(accepted).isEqualTo(new NegotiatedAudio(AudioCodec.PCMU, 0, 101, "198.51.100.7", 30000,
                MediaDirection.SENDRECV, false, 20));
    }

    @Test
    void acceptAnswerRefusals() {
        String rejected = "v=0\r\nc=IN IP4 198.51.100.7\r\nm=audio 0 RTP/AVP 0\r\n";
        assertThatThrownBy(() -> withOpus.acceptAnswer(rejected))
                .isInstanceOfSatisfying(SdpNegotiationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_AUDIO));
        String g722 = "v=0\r\nc=IN IP4 198.51.100.7\r\nm=audio 4000 RTP/AVP 9\r\na=rtpmap:9 G722/8000\r\n";
        assertThatThrownBy(() -> withOpus.acceptAnswer(g722))
                .isInstanceOfSatisfying(SdpNegotiationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_COMMON_CODEC));
    }

    @Test
    void ipv6LocalAddress() {
        assertThat(SipSdp.withDefaults("2001:db8::10", false).offer(4000, MediaDirection.SENDRECV, 1, 1))
                .contains("o=MediaMesh 1 1 IN IP6 2001:db8::10\r\n", "c=IN IP6 2001:db8::10\r\n");
    }

    @Test
    void directionAnswers() {
        assertThat(MediaDirection.SENDONLY.answer()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(MediaDirection.RECVONLY.answer()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(MediaDirection.INACTIVE.answer()).isEqualTo(MediaDirection.INACTIVE);
        assertThat(MediaDirection.SENDRECV.answer()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(MediaDirection.of("bogus")).isNull();
    }
}
