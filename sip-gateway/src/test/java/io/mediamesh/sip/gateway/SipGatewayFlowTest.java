package io.mediamesh.sip.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mediamesh.sip.auth.DigestAlgorithm;
import io.mediamesh.sip.auth.DigestCalculator;
import io.mediamesh.sip.gateway.auth.ConfiguredAccounts;
import io.mediamesh.sip.gateway.call.CallEvent;
import io.mediamesh.sip.gateway.call.CallEventSink;
import io.mediamesh.sip.gateway.call.CallView;
import io.mediamesh.sip.gateway.call.DialDecision;
import io.mediamesh.sip.gateway.call.DialException;
import io.mediamesh.sip.gateway.call.DialPlan;
import io.mediamesh.sip.sdp.AudioCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's SIP behaviour over real UDP sockets, with a recording stand-in for the media bridge: registration
 * and digest auth, OPTIONS, malformed input, unknown dialogs, inbound calls (answer, re-INVITE hold, BYE, CANCEL)
 * and outbound calls to a registered phone.
 */
class SipGatewayFlowTest {
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
    private final FakeCallMedia media = new FakeCallMedia();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SipServer server;
    private TestPhone phone;
    private int cseq = 1;

    @BeforeEach
    void start() {
        SipGatewayProperties properties = new SipGatewayProperties(0, true, "127.0.0.1", "secret", "test",
                List.of("SHA-256", "MD5"), Duration.ofSeconds(30), 3, 3600,
                List.of(new SipGatewayProperties.Account("alice", "wonderland"),
                        new SipGatewayProperties.Account("bob", "builder")),
                "", List.of(), Map.of("100", "lobby"), "", "",
                new SipGatewayProperties.Trunk("", 5060, "udp", "", "", ""), false, Duration.ofSeconds(10));
        DialPlan plan = new DialPlan() {
            @Override
            public CompletableFuture<DialDecision> decide(String number, String caller, String source) {
                return CompletableFuture.completedFuture(number.equals("555") ? new DialDecision.Wait()
                        : number.equals("100") ? new DialDecision.Accept("lobby")
                        : new DialDecision.Reject(404, "No room"));
            }
        };
        CallEventSink sink = events::add;
        server = SipServer.start(properties, media, plan,
                new ConfiguredAccounts(Map.of("alice", "wonderland", "bob", "builder"), null), sink, meters);
        phone = new TestPhone(server.port());
    }

    @AfterEach
    void stop() {
        phone.close();
        server.close();
    }

    // ------------------------------------------------------------------ registration

    private String register(String user, String authorization) {
        int n = cseq++;
        phone.send("REGISTER sip:127.0.0.1 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.port() + ";branch=z9hG4bKreg" + n + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=r" + user + "\n"
                + "To: <sip:" + user + "@127.0.0.1>\n"
                + "Call-ID: reg-" + user + "@test\n"
                + "CSeq: " + n + " REGISTER\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + phone.port() + ">\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\n")
                + "Expires: 600\n"
                + "Content-Length: 0\n\n");
        return phone.expect("SIP/2.0 ");
    }

    private static String credentials(DigestAlgorithm algorithm, String user, String password, String nonce) {
        String uri = "sip:127.0.0.1";
        String response = DigestCalculator.response(algorithm, DigestCalculator.ha1(algorithm, user, "test",
                password), nonce, "00000001", "c0ffee", "auth", "REGISTER", uri);
        return "Digest username=\"" + user + "\", realm=\"test\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + algorithm.token()
                + ", qop=auth, nc=00000001, cnonce=\"c0ffee\"";
    }

    private static String nonce(String challenge) {
        Matcher m = NONCE.matcher(challenge);
        assertThat(m.find()).as(challenge).isTrue();
        return m.group(1);
    }

    private void registered(String user, String password, DigestAlgorithm algorithm) {
        String challenge = register(user, null);
        assertThat(challenge).startsWith("SIP/2.0 401 ");
        String ok = register(user, credentials(algorithm, user, password, nonce(challenge)));
        assertThat(ok).startsWith("SIP/2.0 200 ");
    }

    @Test
    void registerIsChallengedWithSha256ThenMd5AndAcceptsEither() {
        String challenge = register("alice", null);
        assertThat(challenge).startsWith("SIP/2.0 401 Unauthorized");
        List<String> offered = challenge.lines().filter(l -> l.startsWith("WWW-Authenticate:")).toList();
        assertThat(offered).hasSize(2);
        assertThat(offered.get(0)).contains("algorithm=SHA-256").contains("realm=\"test\"").contains("qop=\"auth\"");
        assertThat(offered.get(1)).contains("algorithm=MD5");

        String ok = register("alice", credentials(DigestAlgorithm.MD5, "alice", "wonderland", nonce(challenge)));
        assertThat(ok).startsWith("SIP/2.0 200 OK");
        assertThat(TestPhone.header(ok, "Contact")).isEqualTo("<sip:alice@127.0.0.1:" + phone.port()
                + ">;expires=600");

        String again = register("alice", null);
        String sha = register("alice", credentials(DigestAlgorithm.SHA_256, "alice", "wonderland", nonce(again)));
        assertThat(sha).startsWith("SIP/2.0 200 OK");
    }

    @Test
    void wrongPasswordIsChallengedTwiceThenForbidden() {
        String challenge = register("alice", null);
        String first = register("alice", credentials(DigestAlgorithm.MD5, "alice", "wrong", nonce(challenge)));
        assertThat(first).startsWith("SIP/2.0 401 ");
        String second = register("alice", credentials(DigestAlgorithm.MD5, "alice", "wrong", nonce(first)));
        assertThat(second).startsWith("SIP/2.0 401 ");
        String third = register("alice", credentials(DigestAlgorithm.MD5, "alice", "wrong", nonce(second)));
        assertThat(third).startsWith("SIP/2.0 403 Forbidden: 3 wrong credentials in a row");
        String unknown = register("mallory", credentials(DigestAlgorithm.MD5, "mallory", "x", nonce(second)));
        assertThat(unknown).as("an unknown user is just wrong credentials").startsWith("SIP/2.0 401 ");
        String forged = register("alice", credentials(DigestAlgorithm.MD5, "alice", "wonderland", "0.forged"));
        assertThat(forged).as("a nonce we never issued").startsWith("SIP/2.0 401 ");
    }

    // ------------------------------------------------------------------ odds and ends

    @Test
    void optionsIsAnsweredWithCapabilities() {
        phone.send("OPTIONS sip:127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port()
                + ";branch=z9hG4bKopt\nMax-Forwards: 70\nFrom: <sip:ka@127.0.0.1>;tag=k\nTo: <sip:127.0.0.1>\n"
                + "Call-ID: ka@test\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n");
        String ok = phone.expect("SIP/2.0 ");
        assertThat(ok).startsWith("SIP/2.0 200 OK");
        assertThat(TestPhone.header(ok, "Allow")).contains("INVITE").contains("BYE").contains("REGISTER");
    }

    @Test
    void malformedIsAnswered400WhenPossibleElseDroppedAndCounted() {
        phone.send("INVITE sip:100@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port()
                + ";branch=z9hG4bKbad\nMax-Forwards: 70\nFrom: <sip:x@127.0.0.1>;tag=x\nTo: <sip:100@127.0.0.1>\n"
                + "Call-ID: bad@test\nCSeq: banana INVITE\nContent-Length: 0\n\n");
        assertThat(phone.expect("SIP/2.0 ")).startsWith("SIP/2.0 400 ");
        phone.send(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o'});
        assertThat(phone.receive()).as("garbage is dropped").isNull();
        assertThat(meters.counter("mediamesh.sip.malformed").count()).isEqualTo(2);
        optionsIsAnsweredWithCapabilities(); // and the gateway goes on
    }

    @Test
    void requestsForUnknownDialogsGet481() {
        phone.send("BYE sip:mediamesh@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port()
                + ";branch=z9hG4bKbye\nMax-Forwards: 70\nFrom: <sip:x@127.0.0.1>;tag=x\n"
                + "To: <sip:100@127.0.0.1>;tag=nosuch\nCall-ID: nosuch@test\nCSeq: 2 BYE\nContent-Length: 0\n\n");
        assertThat(phone.expect("SIP/2.0 ")).startsWith("SIP/2.0 481 ");
        assertThat(meters.counter("mediamesh.sip.unknown.dialog").count()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ inbound calls

    private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n";

    private String invite(String number, String callId, String toTag, int seq, String sdp) {
        return "INVITE sip:" + number + "@127.0.0.1 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.port() + ";branch=z9hG4bKinv" + callId.replace("@", "-") + seq + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@127.0.0.1>;tag=a1\n"
                + "To: <sip:" + number + "@127.0.0.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + seq + " INVITE\n"
                + "Contact: <sip:alice@127.0.0.1:" + phone.port() + ">\n"
                + "Content-Type: application/sdp\n"
                + "Content-Length: " + sdp.length() + "\n\n" + sdp;
    }

    private String inDialog(String method, String callId, String toTag, int seq) {
        return method + " sip:mediamesh@127.0.0.1:" + server.port() + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.port() + ";branch=z9hG4bK" + method + callId.replace("@", "-") + seq + "\n"
                + "Max-Forwards: 70\nFrom: <sip:alice@127.0.0.1>;tag=a1\nTo: <sip:100@127.0.0.1>;tag=" + toTag + "\n"
                + "Call-ID: " + callId + "\nCSeq: " + seq + " " + method + "\nContent-Length: 0\n\n";
    }

    @Test
    void anUnregisteredCallerFromAnUnlistedNetworkIsForbidden() {
        phone.send(invite("100", "nobody@test", null, 1, OFFER));
        assertThat(phone.expect("SIP/2.0 4")).startsWith("SIP/2.0 403 Forbidden: not registered");
        assertThat(media.legs).isEmpty();
    }

    @Test
    void inboundCallIsAnsweredHeldResumedAndHungUpByThePhone() throws Exception {
        registered("alice", "wonderland", DigestAlgorithm.SHA_256);
        phone.send(invite("100", "call1@test", null, 1, OFFER));
        String ok = phone.expect("SIP/2.0 200 ");
        String toTag = TestPhone.header(ok, "To").replaceAll(".*tag=", "");
        assertThat(ok).contains("m=audio 30000 RTP/AVP 0 101").contains("c=IN IP4 127.0.0.1");
        assertThat(TestPhone.header(ok, "Contact")).isEqualTo("<sip:mediamesh@127.0.0.1:" + server.port() + ">");
        FakeCallMedia.Leg leg = media.legs.get(0);
        assertThat(leg.room).isEqualTo("lobby");
        assertThat(leg.peer).isEqualTo("sip-alice");
        assertThat(leg.applied).hasSize(1);
        assertThat(leg.applied.get(0).codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(leg.applied.get(0).remotePort()).isEqualTo(40000);
        phone.send(inDialog("ACK", "call1@test", toTag, 1));

        phone.send(invite("100", "call1@test", toTag, 2, OFFER.replace("a=sendrecv", "a=sendonly")));
        String held = phone.expect("SIP/2.0 200 ");
        assertThat(held).contains("a=recvonly");
        assertThat(leg.applied).hasSize(2);
        assertThat(leg.applied.get(1).remoteHold()).isTrue();
        phone.send(inDialog("ACK", "call1@test", toTag, 2));
        phone.send(invite("100", "call1@test", toTag, 3, OFFER));
        assertThat(phone.expect("SIP/2.0 200 ")).contains("a=sendrecv");
        assertThat(leg.applied.get(2).remoteHold()).isFalse();
        phone.send(inDialog("ACK", "call1@test", toTag, 3));

        leg.listener.onDtmf('5', 120);
        // The digit hops onto the SIP loop as a task; a BYE datagram read in the same loop turn would go first.
        await().atMost(Duration.ofSeconds(2)).until(() -> events.stream().anyMatch(e -> e.event().equals("dtmf")));
        phone.send(inDialog("BYE", "call1@test", toTag, 4));
        assertThat(phone.expect("SIP/2.0 ")).startsWith("SIP/2.0 200 ");
        await().atMost(Duration.ofSeconds(2)).until(() -> leg.closed);
        CallView view = server.engine().calls().get(2, TimeUnit.SECONDS).get(0);
        assertThat(view.state()).isEqualTo("ended");
        assertThat(view.endReason()).isEqualTo("bye-remote");
        assertThat(view.setupMillis()).isGreaterThanOrEqualTo(0);
        assertThat(events).extracting(CallEvent::event).containsExactly("answered", "dtmf", "ended");
        assertThat(events.get(1).digit()).isEqualTo("5");

        phone.send(inDialog("BYE", "call1@test", toTag, 5));
        assertThat(phone.expect("SIP/2.0 ")).as("the dialog is over").startsWith("SIP/2.0 481 ");
    }

    @Test
    void cancelWhileTheDialPlanWaitsGets487() throws Exception {
        registered("alice", "wonderland", DigestAlgorithm.MD5);
        phone.send(invite("555", "call2@test", null, 1, OFFER));
        assertThat(phone.expect("SIP/2.0 180 ")).contains("Ringing");
        phone.send("CANCEL sip:555@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port()
                + ";branch=z9hG4bKinvcall2-test1\nMax-Forwards: 70\nFrom: <sip:alice@127.0.0.1>;tag=a1\n"
                + "To: <sip:555@127.0.0.1>\nCall-ID: call2@test\nCSeq: 1 CANCEL\nContent-Length: 0\n\n");
        String first = phone.expect("SIP/2.0 ");
        String second = phone.expect("SIP/2.0 ");
        assertThat(List.of(first.lines().findFirst().get(), second.lines().findFirst().get()))
                .containsExactlyInAnyOrder("SIP/2.0 200 OK", "SIP/2.0 487 Request Terminated");
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                server.engine().calls().get().get(0).endReason()).isEqualTo("cancelled"));
        assertThat(media.legs).as("no media before the dial plan accepts").isEmpty();
    }

    @Test
    void unknownNumberIsRefusedByTheDialPlan() {
        registered("alice", "wonderland", DigestAlgorithm.MD5);
        phone.send(invite("999", "call3@test", null, 1, OFFER));
        assertThat(phone.expect("SIP/2.0 4")).startsWith("SIP/2.0 404 No room");
    }

    // ------------------------------------------------------------------ outbound calls

    @Test
    void outboundCallToARegisteredPhoneIsAnsweredAndHungUpWithBye() throws Exception {
        registered("bob", "builder", DigestAlgorithm.MD5);
        CallView dialled = server.engine().dial("bob", "lobby", null).get(2, TimeUnit.SECONDS);
        assertThat(dialled.state()).isEqualTo("calling");
        assertThat(dialled.peer()).isEqualTo("sip-bob");
        String invite = phone.expect("INVITE ");
        assertThat(invite).startsWith("INVITE sip:bob@127.0.0.1:" + phone.port() + " SIP/2.0");
        assertThat(invite).contains("m=audio 30000 RTP/AVP 0 8 101");
        String answer = OFFER.replace("m=audio 40000 RTP/AVP 0 8 101", "m=audio 40002 RTP/AVP 8 101");
        String via = TestPhone.header(invite, "Via");
        String base = "Via: " + via + "\nFrom: " + TestPhone.header(invite, "From") + "\nTo: "
                + TestPhone.header(invite, "To") + ";tag=bob1\nCall-ID: " + TestPhone.header(invite, "Call-ID")
                + "\nCSeq: 1 INVITE\nContact: <sip:bob@127.0.0.1:" + phone.port() + ">\n";
        phone.send("SIP/2.0 180 Ringing\n" + base + "Content-Length: 0\n\n");
        phone.send("SIP/2.0 200 OK\n" + base + "Content-Type: application/sdp\nContent-Length: " + answer.length()
                + "\n\n" + answer);
        String ack = phone.expect("ACK ");
        assertThat(ack).startsWith("ACK sip:bob@127.0.0.1:" + phone.port() + " SIP/2.0").contains("CSeq: 1 ACK");
        FakeCallMedia.Leg leg = media.legs.get(0);
        assertThat(leg.applied).hasSize(1);
        assertThat(leg.applied.get(0).codec()).isEqualTo(AudioCodec.PCMA);

        assertThat(server.engine().hangup(dialled.id()).get(2, TimeUnit.SECONDS)).isPresent();
        String bye = phone.expect("BYE ");
        assertThat(TestPhone.header(bye, "CSeq")).isEqualTo("2 BYE");
        assertThat(TestPhone.header(bye, "To")).endsWith("tag=bob1");
        assertThat(leg.closed).isTrue();
        assertThat(events).extracting(CallEvent::event).containsExactly("ringing", "answered", "ended");
        assertThat(events.get(2).reason()).isEqualTo("hangup");
    }

    @Test
    void stoppingTheGatewayHangsUpCallsWithBye() throws Exception {
        registered("alice", "wonderland", DigestAlgorithm.MD5);
        phone.send(invite("100", "call4@test", null, 1, OFFER));
        String ok = phone.expect("SIP/2.0 200 ");
        String toTag = TestPhone.header(ok, "To").replaceAll(".*tag=", "");
        phone.send(inDialog("ACK", "call4@test", toTag, 1));
        assertThat(server.engine().hangupAll().get(2, TimeUnit.SECONDS)).isEqualTo(1);
        String bye = phone.expect("BYE ");
        assertThat(TestPhone.header(bye, "Call-ID")).isEqualTo("call4@test");
        assertThat(bye).startsWith("BYE sip:alice@127.0.0.1:" + phone.port() + " SIP/2.0");
        assertThat(media.legs.get(0).closed).isTrue();
    }

    @Test
    void dialingNobodyIsA404AndBadRoomsA400() {
        assertThatThrownBy(() -> server.engine().dial("carol", "lobby", null).get(2, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(DialException.class)
                .hasMessageContaining("no registered user 'carol'");
        assertThatThrownBy(() -> server.engine().dial("bob", " ", null).get(2, TimeUnit.SECONDS))
                .cause().isInstanceOf(DialException.class).hasMessageContaining("bad 'room'");
    }
}
