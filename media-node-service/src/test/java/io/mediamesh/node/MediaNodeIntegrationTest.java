package io.mediamesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenKind;
import io.mediamesh.node.testpeer.ChromiumOffer;
import io.mediamesh.node.testpeer.MediaPump;
import io.mediamesh.node.testpeer.ParsedAnswer;
import io.mediamesh.node.testpeer.Payloads;
import io.mediamesh.node.testpeer.ReceivedRtp;
import io.mediamesh.node.testpeer.RtpStreamWriter;
import io.mediamesh.node.testpeer.TestPeer;
import io.mediamesh.proto.rtcp.Goodbye;
import io.mediamesh.proto.rtcp.ReceiverReport;
import io.mediamesh.proto.rtcp.ReportBlock;
import io.mediamesh.proto.rtcp.SdesItem;
import io.mediamesh.proto.rtcp.SenderReport;
import io.mediamesh.proto.rtcp.SourceDescription;
import io.mediamesh.proto.rtcp.fb.FirEntry;
import io.mediamesh.proto.rtcp.fb.FullIntraRequest;
import io.mediamesh.proto.rtcp.fb.PictureLossIndication;
import io.mediamesh.proto.rtcp.fb.ReceiverEstimatedMaxBitrate;
import io.mediamesh.proto.rtcp.fb.TransportLayerNack;
import io.mediamesh.proto.stun.StunAttribute;
import io.mediamesh.proto.stun.StunMessage;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The media node as clients see it: the WHIP/WHEP HTTP API with every refusal, and the data plane driven by
 * {@link TestPeer}s over real UDP on loopback: forwarding with rewritten SSRCs, payload types and sequence numbers,
 * keyframe requests, NACK answered with RTX from the cache, receiver reports and REMB, publisher switch with BYE,
 * garbage datagrams counted by reason, and consent expiry.
 */
class MediaNodeIntegrationTest extends NodeIntegrationSupport {
    // ---- HTTP API ------------------------------------------------------------------------------------------

    @Test
    void whipRefusesRequestsWithoutAValidWhipToken() {
        String offer = TestPeer.publisher("p").offerSdp();
        expectError(http.post().uri("/whip/endpoint").contentType(SDP).bodyValue(offer).exchange(),
                HttpStatus.UNAUTHORIZED, "missing bearer token");
        expectError(post("/whip/endpoint", "not.a.jwt", SDP, offer), HttpStatus.UNAUTHORIZED, "not a signed JWT");
        String expired = tokens.issue(new TokenClaims("room-http", "p", TokenKind.WHIP,
                Instant.now().minusSeconds(60), null));
        expectError(post("/whip/endpoint", expired, SDP, offer), HttpStatus.UNAUTHORIZED, "token expired");
        String foreign = new TokenCodec("another-secret-that-is-also-long-enough-for-hs256")
                .issue(new TokenClaims("room-http", "p", TokenKind.WHIP, Instant.now().plusSeconds(60), null));
        expectError(post("/whip/endpoint", foreign, SDP, offer), HttpStatus.UNAUTHORIZED, "signature does not match");
        expectError(post("/whip/endpoint", token(TokenKind.WHEP, "room-http", null), SDP, offer),
                HttpStatus.FORBIDDEN, "issued for 'whep'");
        expectError(post("/whep/endpoint", token(TokenKind.WHIP, "room-http", "p"), SDP, offer),
                HttpStatus.FORBIDDEN, "issued for 'whip'");
    }

    @Test
    void whipRefusesOffersItCannotRead() {
        String token = token(TokenKind.WHIP, "room-http", "p");
        expectError(post("/whip/endpoint", token, MediaType.TEXT_PLAIN, TestPeer.publisher("p").offerSdp()),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/sdp");
        expectError(http.post().uri("/whip/endpoint").header("Authorization", "Bearer " + token).contentType(SDP)
                .exchange(), HttpStatus.BAD_REQUEST, "empty body");
        expectError(post("/whip/endpoint", token, SDP, "this is not SDP\r\n"), HttpStatus.BAD_REQUEST,
                "bad SDP offer");
        expectError(post("/whip/endpoint", token, SDP, resource("/sdp/unsupported-codecs.sdp")),
                HttpStatus.BAD_REQUEST, "no supported codec");
        String padded = TestPeer.publisher("p").offerSdp() + "a=x-padding:" + "x".repeat(70_000) + "\r\n";
        expectError(post("/whip/endpoint", token, SDP, padded), HttpStatus.CONTENT_TOO_LARGE, "larger than 64 KiB");
        // Past Spring's 256 KiB in-memory limit the body is refused while it is read: still 413 with a reason.
        String huge = TestPeer.publisher("p").offerSdp() + "a=x-padding:" + "x".repeat(300_000) + "\r\n";
        expectError(post("/whip/endpoint", token, SDP, huge), HttpStatus.CONTENT_TOO_LARGE, "too large");
    }

    @Test
    void whipCreatesASessionAndAnswersIceLitePassiveOnTheUdpPort() {
        TestPeer peer = TestPeer.publisher("alice");
        EntityExchangeResult<String> result = post("/whip/endpoint", token(TokenKind.WHIP, "room-http", "alice"),
                SDP, peer.offerSdp()).expectStatus().isCreated()
                .expectHeader().contentTypeCompatibleWith(SDP)
                .expectHeader().valueMatches("Location", "/whip/conn/whip-[0-9a-f]{8}-[0-9a-f]{32}")
                .expectBody(String.class).returnResult();
        String location = result.getResponseHeaders().getLocation().toString();
        ParsedAnswer answer = ParsedAnswer.parse(result.getResponseBody());
        assertThat(answer.sdp().iceLite()).isTrue();
        assertThat(answer.sdp().bundleGroup()).containsExactly("0", "1");
        assertThat(answer.setup()).isEqualTo("passive");
        assertThat(answer.candidate()).isEqualTo(new InetSocketAddress("127.0.0.1", UDP_PORT));
        assertThat(answer.fingerprint().hashFunction()).isEqualTo("sha-256");
        assertThat(answer.fingerprint().value()).isEqualTo(node.fingerprint());
        assertThat(answer.iceUfrag()).isNotBlank();
        assertThat(answer.icePwd()).hasSizeGreaterThanOrEqualTo(22);
        ParsedAnswer.Media audio = answer.media("audio");
        assertThat(audio.direction()).isEqualTo("recvonly");
        assertThat(audio.payloadType("opus")).isEqualTo(111);
        ParsedAnswer.Media video = answer.media("video");
        assertThat(video.direction()).isEqualTo("recvonly");
        assertThat(video.payloadType("vp8")).isEqualTo(96);
        assertThat(video.rtxPayloadType()).isEqualTo(97);
        assertThat(video.ssrc()).as("a WHIP answer announces no SSRCs of its own").isEqualTo(-1);
        assertThat(video.extensionIds()).containsEntry(ChromiumOffer.MID_URI, 4)
                .containsEntry(ChromiumOffer.ABS_SEND_TIME_URI, 2);

        http.delete().uri(location).exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("OK");
        expectError(http.delete().uri(location).exchange(), HttpStatus.NOT_FOUND, "no WHIP session");
    }

    @Test
    void whepAnswersSendonlyWithItsOwnSsrcsAndTheViewersPayloadTypes() {
        TestPeer viewer = TestPeer.viewer("v", VIEWER_CODECS);
        EntityExchangeResult<String> result = post("/whep/endpoint", token(TokenKind.WHEP, "room-http", null), SDP,
                viewer.offerSdp()).expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/whep/conn/whep-[0-9a-f]{8}-[0-9a-f]{32}")
                .expectBody(String.class).returnResult();
        String location = result.getResponseHeaders().getLocation().toString();
        ParsedAnswer answer = ParsedAnswer.parse(result.getResponseBody());
        ParsedAnswer.Media audio = answer.media("audio");
        ParsedAnswer.Media video = answer.media("video");
        assertThat(audio.direction()).isEqualTo("sendonly");
        assertThat(audio.payloadType("opus")).isEqualTo(109);
        assertThat(audio.ssrc()).isPositive();
        assertThat(video.direction()).isEqualTo("sendonly");
        assertThat(video.payloadType("vp8")).isEqualTo(100);
        assertThat(video.rtxPayloadType()).isEqualTo(101);
        assertThat(video.ssrc()).isPositive();
        assertThat(video.rtxSsrc()).isPositive().isNotEqualTo(video.ssrc());
        http.delete().uri(location).exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("OK");
    }

    @Test
    void patchAcceptsTrickleOfTheSameGenerationAndRefusesEverythingElse() {
        TestPeer peer = TestPeer.publisher("patcher");
        String location = post("/whip/endpoint", token(TokenKind.WHIP, "room-http", "patcher"), SDP,
                peer.offerSdp()).expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseHeaders().getLocation().toString();
        String ufrag = peer.localUfrag();
        String candidate = "a=ice-ufrag:" + ufrag + "\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n"
                + "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\r\n";
        patch(location, TRICKLE, candidate).expectStatus().isNoContent().expectBody().isEmpty();
        expectError(patch(location, TRICKLE, "a=ice-ufrag:restart1\r\na=ice-pwd:newpasswordnewpassword12\r\n"),
                HttpStatus.UNPROCESSABLE_CONTENT, "ICE restart is not supported");
        expectError(patch(location, TRICKLE, "hello world\r\n"), HttpStatus.BAD_REQUEST, "not an SDP fragment");
        expectError(patch(location, MediaType.TEXT_PLAIN, candidate), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/trickle-ice-sdpfrag");
        String id = location.substring(location.lastIndexOf('/') + 1);
        expectError(patch("/whep/conn/" + id, TRICKLE, candidate), HttpStatus.NOT_FOUND, "no WHEP session");
        expectError(patch("/whip/conn/whip-00000000000000000000000000000000", TRICKLE, candidate),
                HttpStatus.NOT_FOUND, "no WHIP session");
        expectError(http.delete().uri("/whep/conn/" + id).exchange(), HttpStatus.NOT_FOUND, "no WHEP session");
        expectError(http.delete().uri("/whip/conn/whip-unknown").exchange(), HttpStatus.NOT_FOUND,
                "no WHIP session");
        http.delete().uri(location).exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("OK");
    }

    // ---- Media ---------------------------------------------------------------------------------------------

    @Test
    void viewerReceivesThePublishersMediaOnItsOwnSsrcsPayloadTypesAndExtensionIds() {
        TestPeer alice = publisher("room-forward", "alice");
        MediaPump pump = pump(alice);
        TestPeer bob = viewer("room-forward", "bob");
        long video = bob.answer().media("video").ssrc();
        long audio = bob.answer().media("audio").ssrc();

        await().atMost(MEDIA).untilAsserted(() -> {
            assertThat(bob.received(video)).hasSizeGreaterThanOrEqualTo(30);
            assertThat(bob.received(audio)).hasSizeGreaterThanOrEqualTo(30);
        });
        assertThat(bob.receivedSsrcs()).containsOnly(video, audio);

        List<ReceivedRtp> frames = bob.received(video);
        assertThat(Payloads.isVp8Keyframe(frames.get(0).payload())).as("the first packet starts a keyframe").isTrue();
        assertContiguous(frames);
        for (ReceivedRtp packet : frames) {
            assertThat(packet.payloadType()).isEqualTo(VIEWER_CODECS.vp8());
            // The first source of a stream keeps its sequence numbers (offset 0), so they name the sent packet.
            assertThat(packet.payload()).isEqualTo(pump.videoPayload(packet.sequenceNumber()));
            assertThat(packet.extensions()).as("abs-send-time moved to the viewer's id, mid not forwarded")
                    .containsOnlyKeys(VIEWER_CODECS.absSendTimeExtension());
            assertThat(packet.extensions().get(VIEWER_CODECS.absSendTimeExtension())).hasSize(3);
        }
        assertThat(frames).filteredOn(ReceivedRtp::marker).isNotEmpty();

        List<ReceivedRtp> sound = bob.received(audio);
        assertContiguous(sound);
        assertThat(sound).allSatisfy(packet -> {
            assertThat(packet.payloadType()).isEqualTo(VIEWER_CODECS.opus());
            assertThat(packet.payload()[0]).isEqualTo((byte) 0xfc);
        });
        assertThat(counter("mediamesh.rtp.packets")).isPositive();

        // A second viewer joining later gets its own SSRCs and starts at a fresh keyframe.
        TestPeer dave = viewer("room-forward", "dave");
        long daveVideo = dave.answer().media("video").ssrc();
        assertThat(daveVideo).isNotEqualTo(video);
        await().atMost(MEDIA).until(() -> dave.received(daveVideo).size() >= 10);
        List<ReceivedRtp> daves = dave.received(daveVideo);
        assertThat(Payloads.isVp8Keyframe(daves.get(0).payload())).isTrue();
        assertContiguous(daves);
        assertThat(daves).allSatisfy(p -> assertThat(p.payload()).isEqualTo(pump.videoPayload(p.sequenceNumber())));
        assertContiguous(bob.received(video));
    }

    @Test
    void viewerKeyframeRequestsReachThePublisherForItsOwnSsrc() {
        TestPeer alice = publisher("room-pli", "alice");
        MediaPump pump = pump(alice);
        TestPeer bob = viewer("room-pli", "bob");
        long video = bob.answer().media("video").ssrc();
        await().atMost(MEDIA).until(() -> bob.received(video).size() >= 10);
        int plis = alice.rtcp(PictureLossIndication.class).size();
        int keyframes = pump.keyframesSent();

        bob.sendRtcp(new PictureLossIndication(bob.rtcpSsrc(), video));
        await().atMost(MEDIA).until(() -> alice.rtcp(PictureLossIndication.class).size() > plis);
        await().atMost(MEDIA).untilAsserted(() -> assertThat(bob.received(video).stream()
                .filter(p -> Payloads.isVp8Keyframe(p.payload())).count())
                .as("keyframes at the viewer; the pump sent %d (%d before the PLI), the publisher got %d PLIs (%d "
                        + "before), viewer packets %d, pump frames %d", pump.keyframesSent(), keyframes,
                        alice.rtcp(PictureLossIndication.class).size(), plis, bob.received(video).size(),
                        pump.framesSent())
                .isGreaterThanOrEqualTo(2));
        assertThat(pump.keyframesSent()).isGreaterThan(keyframes);

        int afterPli = alice.rtcp(PictureLossIndication.class).size();
        bob.sendRtcp(new FullIntraRequest(bob.rtcpSsrc(), List.of(new FirEntry(video, 1))));
        await().atMost(MEDIA).until(() -> alice.rtcp(PictureLossIndication.class).size() > afterPli);
        assertThat(alice.rtcp(PictureLossIndication.class)).allSatisfy(pli -> {
            assertThat(pli.mediaSsrc()).isEqualTo(alice.videoSsrc());
            assertThat(pli.senderSsrc()).isNotEqualTo(bob.rtcpSsrc());
        });
    }

    @Test
    void viewerNackIsAnsweredWithRtxFromTheCacheWithoutAskingThePublisher() {
        TestPeer alice = publisher("room-nack", "alice");
        MediaPump pump = pump(alice);
        TestPeer bob = viewer("room-nack", "bob");
        ParsedAnswer.Media video = bob.answer().media("video");
        await().atMost(MEDIA).until(() -> bob.received(video.ssrc()).size() >= 10);
        ReceivedRtp lost = bob.received(video.ssrc()).get(5);
        double retransmissions = counter("mediamesh.rtp.retransmissions");

        bob.sendRtcp(new TransportLayerNack(bob.rtcpSsrc(), video.ssrc(), List.of(lost.sequenceNumber())));
        await().atMost(MEDIA).until(() -> !bob.received(video.rtxSsrc()).isEmpty());
        ReceivedRtp rtx = bob.received(video.rtxSsrc()).get(0);
        assertThat(rtx.payloadType()).isEqualTo(VIEWER_CODECS.rtx());
        assertThat(rtx.originalSequenceNumber()).isEqualTo(lost.sequenceNumber());
        assertThat(rtx.originalPayload()).isEqualTo(lost.payload());
        assertThat(rtx.timestamp()).isEqualTo(lost.timestamp());
        assertThat(counter("mediamesh.rtp.retransmissions")).isEqualTo(retransmissions + 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> alice.rtcp(TransportLayerNack.class).isEmpty());

        // A packet the cache never saw is asked of the publisher instead, on its own SSRC.
        int never = (bob.received(video.ssrc()).get(0).sequenceNumber() + 30_000) & 0xffff;
        assertThat(pump.videoPayload(never)).isNull();
        bob.sendRtcp(new TransportLayerNack(bob.rtcpSsrc(), video.ssrc(), List.of(never)));
        await().atMost(MEDIA).until(() -> !alice.rtcp(TransportLayerNack.class).isEmpty());
        TransportLayerNack forwarded = alice.rtcp(TransportLayerNack.class).get(0);
        assertThat(forwarded.mediaSsrc()).isEqualTo(alice.videoSsrc());
        assertThat(forwarded.lostSequenceNumbers()).containsExactly(never);
        assertThat(bob.received(video.rtxSsrc())).hasSize(1);
    }

    @Test
    void aPacketLostOnTheWayInIsAskedOfThePublisherBeforeAnyViewerMissesIt() {
        TestPeer alice = publisher("room-nack-in", "alice");
        MediaPump pump = pump(alice);
        TestPeer bob = viewer("room-nack-in", "bob");
        long video = bob.answer().media("video").ssrc();
        await().atMost(MEDIA).until(() -> bob.received(video).size() >= 10);
        double asked = counter("mediamesh.rtp.nacks.to.publishers");

        pump.loseNextVideoPacket();
        await().atMost(MEDIA).until(() -> pump.lostSequence() >= 0);
        int lost = pump.lostSequence();
        // No viewer NACKs: the node saw the gap in the publisher's sequence numbers and asks on its own.
        await().atMost(MEDIA).until(() -> alice.rtcp(TransportLayerNack.class).stream()
                .anyMatch(nack -> nack.mediaSsrc() == alice.videoSsrc() && nack.lostSequenceNumbers().contains(lost)));
        assertThat(counter("mediamesh.rtp.nacks.to.publishers")).isGreaterThan(asked);
    }

    @Test
    void lossTheCacheCannotRepairIsAskedOfThePublisherAndItsRtxReachesTheViewer() {
        TestPeer alice = publisher("room-repair", "alice");
        MediaPump pump = pump(alice);
        TestPeer bob = viewer("room-repair", "bob");
        long video = bob.answer().media("video").ssrc();
        await().atMost(MEDIA).until(() -> bob.received(video).size() >= 10);

        pump.loseNextVideoPacket();
        await().atMost(MEDIA).until(() -> pump.lostSequence() >= 0);
        int lost = pump.lostSequence();
        await().atMost(MEDIA).until(() -> bob.received(video).stream()
                .anyMatch(p -> p.sequenceNumber() == ((lost + 2) & 0xffff)));
        assertThat(bob.received(video)).noneMatch(p -> p.sequenceNumber() == lost);

        bob.sendRtcp(new TransportLayerNack(bob.rtcpSsrc(), video, List.of(lost)));
        await().atMost(MEDIA).until(() -> alice.rtcp(TransportLayerNack.class).stream()
                .anyMatch(nack -> nack.mediaSsrc() == alice.videoSsrc() && nack.lostSequenceNumbers().contains(lost)));

        // The publisher's encoder answers with RTX (RFC 4588 §4): its RTX SSRC and payload type, OSN first.
        byte[] original = pump.videoPayload(lost);
        byte[] rtxPayload = new byte[original.length + 2];
        rtxPayload[0] = (byte) (lost >> 8);
        rtxPayload[1] = (byte) lost;
        System.arraycopy(original, 0, rtxPayload, 2, original.length);
        alice.sendRtp(new RtpStreamWriter(alice.videoRtxSsrc(), 97, '1', 4, 2, 4242, pump.videoTimestamp(lost))
                .next(rtxPayload, true));

        await().atMost(MEDIA).until(() -> bob.received(video).stream().anyMatch(p -> p.sequenceNumber() == lost));
        ReceivedRtp repaired = bob.received(video).stream().filter(p -> p.sequenceNumber() == lost).findFirst()
                .orElseThrow();
        assertThat(repaired.payloadType()).isEqualTo(VIEWER_CODECS.vp8());
        assertThat(repaired.payload()).isEqualTo(original);
        assertThat(repaired.timestamp()).isEqualTo(pump.videoTimestamp(lost));
        assertThat(repaired.marker()).isTrue();
        assertThat(bob.received(video)).filteredOn(p -> p.sequenceNumber() == lost).hasSize(1);
    }

    @Test
    void publisherGetsReceiverReportsAndRembAndViewersGetItsSenderReports() {
        TestPeer alice = publisher("room-reports", "alice");
        pump(alice);
        TestPeer bob = viewer("room-reports", "bob");
        long video = bob.answer().media("video").ssrc();
        await().atMost(MEDIA).until(() -> bob.received(video).size() >= 10);

        await().atMost(MEDIA).untilAsserted(() -> {
            assertThat(alice.rtcp(ReceiverReport.class)).anySatisfy(rr -> assertThat(rr.reports())
                    .extracting(ReportBlock::ssrc).contains(alice.videoSsrc(), alice.audioSsrc()));
            assertThat(alice.rtcp(ReceiverEstimatedMaxBitrate.class)).anySatisfy(remb -> {
                assertThat(remb.bitrateBps()).isEqualTo(PUBLISHER_MAX_BITRATE);
                assertThat(remb.ssrcs()).contains(alice.videoSsrc());
            });
        });
        ReportBlock block = alice.rtcp(ReceiverReport.class).stream().flatMap(rr -> rr.reports().stream())
                .filter(b -> b.ssrc() == alice.videoSsrc()).reduce((first, second) -> second).orElseThrow();
        assertThat(block.cumulativeLost()).isZero();
        assertThat(block.fractionLost()).isZero();

        long ntp = (Instant.now().getEpochSecond() + 2_208_988_800L) << 32;
        alice.sendRtcp(new SenderReport(alice.videoSsrc(), ntp, 123_456, 100, 10_000, List.of()));
        await().atMost(MEDIA).until(() -> !bob.rtcp(SenderReport.class).isEmpty());
        SenderReport report = bob.rtcp(SenderReport.class).get(0);
        assertThat(report.ssrc()).isEqualTo(video);
        assertThat(report.ntpTimestamp()).isEqualTo(ntp);
        String cname = bob.answer().sdp().media().get(1).attributes("ssrc").stream()
                .filter(a -> a.startsWith(video + " cname:")).map(a -> a.substring(a.indexOf(':') + 1))
                .findFirst().orElseThrow();
        assertThat(bob.rtcp(SourceDescription.class)).anySatisfy(sdes -> assertThat(sdes.chunks())
                .anySatisfy(chunk -> {
                    assertThat(chunk.ssrc()).isEqualTo(video);
                    assertThat(chunk.items()).contains(new SdesItem(SdesItem.CNAME, cname));
                }));
    }

    @Test
    void publisherLeavingSendsByeAndTheNextPublisherContinuesTheViewersStreams() {
        TestPeer alice = publisher("room-switch", "alice");
        MediaPump alicePump = pump(alice);
        TestPeer bob = viewer("room-switch", "bob");
        ParsedAnswer.Media video = bob.answer().media("video");
        long audio = bob.answer().media("audio").ssrc();
        await().atMost(MEDIA).until(() -> bob.received(video.ssrc()).size() >= 20
                && bob.received(audio).size() >= 20);

        alicePump.close();
        assertThat(alice.delete()).isEqualTo(200);
        await().atMost(MEDIA).untilAsserted(() -> assertThat(bob.rtcp(Goodbye.class))
                .flatExtracting(Goodbye::ssrcs).contains(video.ssrc(), video.rtxSsrc(), audio));
        List<ReceivedRtp> before = bob.received(video.ssrc());
        List<ReceivedRtp> soundBefore = bob.received(audio);
        assertThat(bob.patchTrickle()).as("the viewer's session outlives its publisher").isEqualTo(204);
        int checks = bob.stunSuccesses();
        await().atMost(MEDIA).until(() -> bob.stunSuccesses() > checks);
        assertThat(alice.delete()).isEqualTo(404);

        TestPeer carol = publisher("room-switch", "carol");
        MediaPump carolPump = pump(carol);
        await().atMost(MEDIA).until(() -> bob.received(video.ssrc()).size() >= before.size() + 20
                && bob.received(audio).size() >= soundBefore.size() + 20);
        List<ReceivedRtp> all = bob.received(video.ssrc());
        ReceivedRtp last = before.get(before.size() - 1);
        ReceivedRtp first = all.get(before.size());
        assertThat(first.sequenceNumber()).isEqualTo((last.sequenceNumber() + 1) & 0xffff);
        assertThat(Payloads.isVp8Keyframe(first.payload())).as("the new source starts with a keyframe").isTrue();
        assertThat(all.subList(before.size(), all.size())).allSatisfy(p -> {
            assertThat(p.payloadType()).isEqualTo(VIEWER_CODECS.vp8());
            assertThat(carolPump.sentVideo(p.payload())).as("a packet of the new publisher").isTrue();
        });
        long advance = (first.timestamp() - last.timestamp()) & 0xffffffffL;
        assertThat(advance).as("timestamps move forward across the switch").isBetween(1L, 90_000L * 10);
        assertContiguous(all);
        assertContiguous(bob.received(audio));
    }

    @Test
    void samePeerPublishingAgainReplacesItsOldSessionAndViewersFollow() {
        TestPeer alice = publisher("room-rejoin", "alice");
        MediaPump first = pump(alice);
        TestPeer bob = viewer("room-rejoin", "bob");
        long video = bob.answer().media("video").ssrc();
        await().atMost(MEDIA).until(() -> bob.received(video).size() >= 10);

        // A browser reload: the same peer publishes again before its old session timed out.
        TestPeer reloaded = publisher("room-rejoin", "alice");
        await().atMost(MEDIA).until(() -> alice.patchTrickle() == 404);
        first.close();
        await().atMost(MEDIA).untilAsserted(() -> assertThat(bob.rtcp(Goodbye.class))
                .flatExtracting(Goodbye::ssrcs).contains(video));
        int before = bob.received(video).size();
        MediaPump second = pump(reloaded);
        await().atMost(MEDIA).until(() -> bob.received(video).size() >= before + 20);
        List<ReceivedRtp> all = bob.received(video);
        assertContiguous(all);
        ReceivedRtp firstOfReloaded = all.stream().filter(p -> second.sentVideo(p.payload())).findFirst().orElseThrow();
        assertThat(Payloads.isVp8Keyframe(firstOfReloaded.payload())).isTrue();
        assertThat(all.subList(all.indexOf(firstOfReloaded), all.size()))
                .allSatisfy(p -> assertThat(second.sentVideo(p.payload())).isTrue());
        assertThat(reloaded.patchTrickle()).isEqualTo(204);
    }

    // ---- Robustness and consent ----------------------------------------------------------------------------

    @Test
    void garbageDatagramsAreCountedByReasonAndMediaContinues() throws IOException {
        TestPeer alice = publisher("room-garbage", "alice");
        pump(alice);
        TestPeer bob = viewer("room-garbage", "bob");
        long video = bob.answer().media("video").ssrc();
        await().atMost(MEDIA).until(() -> bob.received(video).size() >= 10);
        GarbageDatagrams garbage = new GarbageDatagrams(7983);
        InetSocketAddress nodeAddress = bob.answer().candidate();

        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Consumer<byte[]> fromStranger = datagram -> send(stranger, datagram, nodeAddress);
            expectDrops("unknown-class", 6, () -> garbage.unclassifiable().forEach(fromStranger));
            expectDrops("malformed-stun", 4, () -> {
                garbage.randomStun(3).forEach(fromStranger);
                fromStranger.accept(GarbageDatagrams.truncated(bob.bindingRequest(bob.answer().icePwd()), 28));
            });
            expectDrops("unknown-source", 8, () -> garbage.randomMedia().forEach(fromStranger));
            expectDrops("unknown-ufrag", 2, () -> {
                fromStranger.accept(garbage.bindingRequest("nosuchufrag:x", "whatever"));
                fromStranger.accept(garbage.bindingRequest("nosuchufrag", "whatever"));
            });
            expectDrops("unexpected-stun", 2, () -> {
                fromStranger.accept(garbage.stun(StunMessage.BINDING_SUCCESS, List.of(), null));
                fromStranger.accept(garbage.stun(StunMessage.BINDING_REQUEST,
                        List.of(new StunAttribute.IceControlling(1)), null));
            });
            expectDrops("stun-integrity", 2, () -> {
                fromStranger.accept(bob.bindingRequest("not-the-password-of-this-session"));
                fromStranger.accept(bob.bindingRequest("not-the-password-of-this-session"));
            });
            for (int i = 0; i < 2; i++) {
                StunMessage refusal = receiveStun(stranger);
                assertThat(refusal.type()).isEqualTo(StunMessage.BINDING_ERROR);
                assertThat(refusal.attribute(StunAttribute.ErrorCode.class).orElseThrow().code()).isEqualTo(401);
            }
        }
        expectDrops("srtp-rtp-auth", 3, () -> {
            for (int i = 0; i < 3; i++) {
                bob.sendRaw(garbage.srtpWithBadTag(VIEWER_CODECS.vp8()));
            }
        });
        expectDrops("srtp-rtcp-auth", 2, () -> {
            bob.sendRaw(garbage.srtcpWithBadTag());
            bob.sendRaw(garbage.srtcpWithBadTag());
        });
        expectDrops("malformed-rtcp", 1, () -> bob.sendRtcpBytes(
                new byte[] {(byte) 0x81, (byte) 201, 0, 10, 1, 2, 3, 4}));
        expectDrops("rtp-from-viewer", 1, () -> bob.sendRtp(new RtpStreamWriter(bob.rtcpSsrc(),
                VIEWER_CODECS.vp8(), '1', VIEWER_CODECS.midExtension(), VIEWER_CODECS.absSendTimeExtension(), 1, 1)
                .next(Payloads.vp8(0, 0, 0, true), true)));
        expectDrops("unknown-ssrc", 1, () -> alice.sendRtp(new RtpStreamWriter(alice.videoSsrc() ^ 0x5a5a5a5aL,
                96, '1', 4, 2, 1, 1).next(Payloads.vp8(0, 0, 0, true), true)));

        // DTLS records of every content type and both epochs with garbage inside, from the viewer's own address:
        // the DTLS layer must discard them (RFC 6347 §4.1.2.7) instead of failing the connection.
        for (int type = 20; type <= 23; type++) {
            for (int epoch = 0; epoch <= 1; epoch++) {
                bob.sendRaw(garbage.dtlsRecord(type, epoch, 47));
            }
        }

        http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status")
                .isEqualTo("UP");
        int received = bob.received(video).size();
        await().atMost(MEDIA).until(() -> bob.received(video).size() >= received + 25);
        assertContiguous(bob.received(video));
        assertThat(bob.unprotectFailures()).isEmpty();
        assertThat(bob.patchTrickle()).isEqualTo(204);
        assertThat(alice.patchTrickle()).isEqualTo(204);
    }

    @Test
    void sessionWithoutConsentChecksIsClosedAndItsViewersGetBye() {
        // A session whose client never connects is closed by the 3 s ICE timer meanwhile.
        String unconnected = post("/whip/endpoint", token(TokenKind.WHIP, "room-consent", "ghost"), SDP,
                TestPeer.publisher("ghost").offerSdp()).expectStatus().isCreated().expectBody(String.class)
                .returnResult().getResponseHeaders().getLocation().toString();
        long created = System.nanoTime();
        patch(unconnected, TRICKLE, "a=end-of-candidates\r\n").expectStatus().isNoContent().expectBody().isEmpty();
        TestPeer alice = publisher("room-consent", "alice");
        pump(alice);
        TestPeer bob = viewer("room-consent", "bob");
        ParsedAnswer.Media video = bob.answer().media("video");
        long audio = bob.answer().media("audio").ssrc();
        await().atMost(MEDIA).until(() -> bob.received(video.ssrc()).size() >= 10);
        double unknownSource = drops().getOrDefault("unknown-source", 0.0);

        alice.stopConsentChecks();
        long stopped = System.nanoTime();
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200))
                .until(() -> alice.patchTrickle() == 404);
        assertThat(Duration.ofNanos(System.nanoTime() - stopped))
                .as("closed by the 3 s consent timer, not before").isGreaterThan(Duration.ofMillis(2000));
        await().atMost(MEDIA).untilAsserted(() -> assertThat(bob.rtcp(Goodbye.class))
                .flatExtracting(Goodbye::ssrcs).contains(video.ssrc(), video.rtxSsrc(), audio));
        assertThat(alice.delete()).as("the client's DELETE after the node closed it still succeeds").isEqualTo(200);
        assertThat(alice.delete()).as("and only once").isEqualTo(404);
        assertThat(bob.patchTrickle()).as("the viewer keeps its own consent").isEqualTo(204);
        // The closed publisher's media still arrives, from an address no session owns any more.
        await().atMost(MEDIA).until(() -> drops().getOrDefault("unknown-source", 0.0) > unknownSource);

        assertThat(Duration.ofNanos(System.nanoTime() - created)).isGreaterThan(Duration.ofSeconds(3));
        await().atMost(MEDIA).untilAsserted(() -> expectError(patch(unconnected, TRICKLE, "a=end-of-candidates\r\n"),
                HttpStatus.NOT_FOUND, "no WHIP session"));
        http.delete().uri(unconnected).exchange().expectStatus().isOk();
        expectError(http.delete().uri(unconnected).exchange(), HttpStatus.NOT_FOUND, "no WHIP session");
    }
}
