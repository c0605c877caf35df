package io.mediamesh.sip.transaction;

import static io.mediamesh.sip.transaction.TransactionHarness.PEER_TCP;
import static io.mediamesh.sip.transaction.TransactionHarness.PEER_UDP;
import static io.mediamesh.sip.transaction.TransactionHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** Server transactions (RFC 3261 §17.2, RFC 6026) under a fake clock. */
class ServerTransactionTest {
    private final TransactionHarness h = new TransactionHarness();

    /** Receives {@code request} and returns the id the TU was given. */
    private TransactionId arrive(SipRequest request, Endpoint source) {
        h.receive(request, source);
        return h.outputs(TransactionOutput.RequestReceived.class).get(0).transaction();
    }

    private static SipRequest ackFor(SipRequest invite, SipResponse response) {
        SipRequest ack = new SipRequest("ACK", invite.requestUri());
        ack.addHeader("Via", invite.topVia().toString())
                .addHeader("From", invite.header("From"))
                .addHeader("To", response.header("To"))
                .addHeader("Call-ID", invite.callId())
                .addHeader("CSeq", invite.cseq().number() + " ACK")
                .addHeader("Max-Forwards", "70");
        return ack;
    }

    @Test
    void oneHundredTryingAfter200MillisecondsUnlessTheTuAnswered() {
        SipRequest invite = request("INVITE", "z9hG4bKs1");
        TransactionId id = arrive(invite, PEER_UDP);
        assertThat(id).isEqualTo(new TransactionId(true, "z9hG4bKs1", "192.0.2.10:5060", "INVITE"));
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.PROCEEDING);
        h.runUntil(199);
        assertThat(h.sent("SIP/2.0")).isEmpty();
        h.runUntil(200);
        SipResponse trying = (SipResponse) h.sent("SIP/2.0 100").get(0);
        assertThat(trying.to().tag()).isNull();
        assertThat(trying.callId()).isEqualTo(invite.callId());

        TransactionHarness quick = new TransactionHarness();
        quick.receive(request("INVITE", "z9hG4bKs2"), PEER_UDP);
        TransactionId quickId = quick.outputs(TransactionOutput.RequestReceived.class).get(0).transaction();
        quick.runUntil(50);
        SipRequest received = quick.outputs(TransactionOutput.RequestReceived.class).get(0).request();
        assertThat(quick.respond(quickId, received.createResponse(180, null, "b"))).isTrue();
        quick.runUntil(1000);
        assertThat(quick.sent("SIP/2.0")).extracting(m -> ((SipResponse) m).statusCode()).containsExactly(180);
    }

    @Test
    void finalNon2xxIsRetransmittedUntilTheAckThenTimerI() {
        SipRequest invite = request("INVITE", "z9hG4bKs3");
        TransactionId id = arrive(invite, PEER_UDP);
        SipRequest received = h.outputs(TransactionOutput.RequestReceived.class).get(0).request();
        SipResponse busy = received.createResponse(486, null, "bob");
        h.runUntil(100);
        assertThat(h.respond(id, busy)).isTrue();
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.COMPLETED);
        h.runUntil(12_000);
        assertThat(h.sendTimes("SIP/2.0 486")).containsExactly(100L, 600L, 1600L, 3600L, 7600L, 11600L);

        h.receive(ackFor(invite, busy), PEER_UDP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.CONFIRMED);
        h.receive(ackFor(invite, busy), PEER_UDP);
        assertThat(h.outputs(TransactionOutput.AckReceived.class)).as("ACKs are absorbed").isEmpty();
        h.runUntil(16_999);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.CONFIRMED);
        h.runUntil(17_000);
        assertThat(h.layer.state(id)).as("Timer I = T4").isEqualTo(TransactionState.TERMINATED);
        assertThat(h.sendTimes("SIP/2.0 486")).hasSize(6);
        assertThat(h.outputs(TransactionOutput.Timeout.class)).isEmpty();
    }

    @Test
    void noAckTimesOutWithTimerH() {
        SipRequest invite = request("INVITE", "z9hG4bKs4");
        TransactionId id = arrive(invite, PEER_UDP);
        h.respond(id, invite.createResponse(404, null, "bob"));
        h.runUntil(40_000);
        assertThat(h.sendTimes("SIP/2.0 404")).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L,
                19500L, 23500L, 27500L, 31500L);
        assertThat(h.outputs(TransactionOutput.Timeout.class)).singleElement()
                .satisfies(t -> assertThat(t.timer()).isEqualTo(TransactionTimer.H));
        assertThat(h.layer.size()).isZero();
    }

    @Test
    void overTcpTheFinalIsSentOnceAndTheAckEndsTheTransaction() {
        SipRequest invite = request("INVITE", "z9hG4bKs5", "TCP");
        TransactionId id = arrive(invite, PEER_TCP);
        SipResponse busy = invite.createResponse(486, null, "bob");
        h.respond(id, busy);
        h.runUntil(10_000);
        assertThat(h.sendTimes("SIP/2.0 486")).containsExactly(0L);
        h.receive(ackFor(invite, busy), PEER_TCP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.TERMINATED);
        assertThat(h.outputs(TransactionOutput.Send.class)).allSatisfy(s -> assertThat(s.destination())
                .isEqualTo(PEER_TCP));
    }

    @Test
    void aRetransmittedRequestIsAbsorbedAndTheLastResponseResent() {
        SipRequest invite = request("INVITE", "z9hG4bKs6");
        TransactionId id = arrive(invite, PEER_UDP);
        h.receive(invite, PEER_UDP);
        assertThat(h.sent("SIP/2.0")).as("nothing to resend yet").isEmpty();
        h.respond(id, invite.createResponse(180, null, "bob"));
        h.runUntil(300);
        h.receive(invite, PEER_UDP);
        assertThat(h.sendTimes("SIP/2.0 180")).containsExactly(0L, 300L);
        assertThat(h.outputs(TransactionOutput.RequestReceived.class)).hasSize(1);

        h.respond(id, invite.createResponse(200, null, "bob"));
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.ACCEPTED);
        h.receive(invite, PEER_UDP);
        assertThat(h.sent("SIP/2.0 200")).as("the TU retransmits 2xx, not the transaction").hasSize(1);
        assertThat(h.respond(id, invite.createResponse(200, null, "bob"))).isTrue();
        assertThat(h.respond(id, invite.createResponse(500, null, "bob"))).isFalse();
        h.runUntil(32_300);
        assertThat(h.layer.state(id)).as("Timer L").isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void nonInviteServerAbsorbsRetransmissionsAndWaitsTimerJ() {
        SipRequest options = request("OPTIONS", "z9hG4bKs7");
        TransactionId id = arrive(options, PEER_UDP);
        h.receive(options, PEER_UDP);
        assertThat(h.outputs(TransactionOutput.Send.class)).as("Trying absorbs").isEmpty();
        h.runUntil(1000);
        assertThat(h.sent("SIP/2.0")).as("no automatic 100 for non-INVITE").isEmpty();
        assertThat(h.respond(id, options.createResponse(200, null, "srv"))).isTrue();
        assertThat(h.respond(id, options.createResponse(500, null, "srv"))).isFalse();
        h.runUntil(5000);
        h.receive(options, PEER_UDP);
        assertThat(h.sendTimes("SIP/2.0 200")).containsExactly(1000L, 5000L);
        assertThat(h.outputs(TransactionOutput.RequestReceived.class)).hasSize(1);
        h.runUntil(32_999);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.COMPLETED);
        h.runUntil(33_000);
        assertThat(h.layer.state(id)).as("Timer J").isEqualTo(TransactionState.TERMINATED);

        TransactionHarness tcp = new TransactionHarness();
        tcp.receive(request("OPTIONS", "z9hG4bKs8", "TCP"), PEER_TCP);
        TransactionId tcpId = tcp.outputs(TransactionOutput.RequestReceived.class).get(0).transaction();
        tcp.respond(tcpId, options.createResponse(200, null, "srv"));
        assertThat(tcp.layer.state(tcpId)).as("J = 0 on TCP").isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void cancelBeforeTheFinalResponseGets200AndTheInvite487() {
        SipRequest invite = request("INVITE", "z9hG4bKs9");
        TransactionId id = arrive(invite, PEER_UDP);
        h.respond(id, invite.createResponse(180, null, "bob"));
        SipRequest cancel = request("CANCEL", "z9hG4bKs9");
        h.runUntil(2000);
        h.receive(cancel, PEER_UDP);

        SipResponse cancelOk = (SipResponse) h.sent("SIP/2.0 200").get(0);
        assertThat(cancelOk.cseq().method()).isEqualTo("CANCEL");
        SipResponse terminated = (SipResponse) h.sent("SIP/2.0 487").get(0);
        assertThat(terminated.cseq().method()).isEqualTo("INVITE");
        assertThat(terminated.to().tag()).isEqualTo("bob").isEqualTo(cancelOk.to().tag());
        assertThat(h.outputs(TransactionOutput.InviteCancelled.class)).singleElement()
                .satisfies(c -> assertThat(c.invite()).isEqualTo(id));
        assertThat(h.outputs(TransactionOutput.RequestReceived.class)).as("the CANCEL is the layer's business")
                .hasSize(1);
        assertThat(h.respond(id, invite.createResponse(200, null, "bob"))).as("too late for 200").isFalse();
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.COMPLETED);

        h.receive(cancel, PEER_UDP);
        assertThat(h.sent("SIP/2.0 200")).as("a retransmitted CANCEL gets its 200 again").hasSize(2);
        h.receive(ackFor(invite, terminated), PEER_UDP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.CONFIRMED);
    }

    @Test
    void cancelAfterThe200GetsA200ButTheInviteStays200() {
        SipRequest invite = request("INVITE", "z9hG4bKs10");
        TransactionId id = arrive(invite, PEER_UDP);
        h.respond(id, invite.createResponse(200, null, "bob"));
        h.receive(request("CANCEL", "z9hG4bKs10"), PEER_UDP);

        assertThat(h.sent("SIP/2.0 200")).extracting(m -> m.cseq().method()).containsExactly("INVITE", "CANCEL");
        assertThat(h.sent("SIP/2.0 487")).isEmpty();
        assertThat(h.outputs(TransactionOutput.InviteCancelled.class)).isEmpty();
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.ACCEPTED);
        assertThat(h.sent("SIP/2.0 200").get(1).to().tag()).isEqualTo("bob");
    }

    @Test
    void cancelWithoutItsInviteGoesToTheTuFor481() {
        SipRequest cancel = request("CANCEL", "z9hG4bKnone");
        h.receive(cancel, PEER_UDP);
        TransactionOutput.UnmatchedCancel unmatched = h.outputs(TransactionOutput.UnmatchedCancel.class).get(0);
        assertThat(h.sent("SIP/2.0")).isEmpty();
        assertThat(h.respond(unmatched.transaction(), unmatched.cancel().createResponse(481, null, "x"))).isTrue();
        assertThat(h.sent("SIP/2.0 481")).hasSize(1);
    }

    @Test
    void ackWithoutTransactionGoesToTheTu() {
        SipRequest invite = request("INVITE", "z9hG4bKs11");
        TransactionId id = arrive(invite, PEER_UDP);
        SipResponse ok = invite.createResponse(200, null, "bob");
        h.respond(id, ok);
        SipRequest ackFor2xx = ackFor(invite, ok);
        ackFor2xx.setTopVia(ackFor2xx.topVia().withParam("branch", "z9hG4bKnewbranch"));
        h.receive(ackFor2xx, PEER_UDP);
        SipRequest stray = ackFor(request("INVITE", "z9hG4bKunknown"), ok);
        h.receive(stray, PEER_UDP);
        assertThat(h.outputs(TransactionOutput.AckReceived.class)).extracting(a -> a.ack().topVia().branch())
                .containsExactly("z9hG4bKnewbranch", "z9hG4bKunknown");
    }

    @Test
    void anAckReusingTheInviteBranchAfterA2xxGoesToTheTu() {
        SipRequest invite = request("INVITE", "z9hG4bKs14");
        TransactionId id = arrive(invite, PEER_UDP);
        SipResponse ok = invite.createResponse(200, null, "bob");
        h.respond(id, ok);
        h.receive(ackFor(invite, ok), PEER_UDP);
        assertThat(h.outputs(TransactionOutput.AckReceived.class)).singleElement()
                .satisfies(a -> assertThat(a.source()).isEqualTo(PEER_UDP));
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.ACCEPTED);
    }

    @Test
    void viaIsStampedAndResponsesFollowRport() {
        Endpoint natted = new Endpoint(TransportKind.UDP, "203.0.113.7", 41000);
        SipRequest invite = request("INVITE", "z9hG4bKs12");
        h.receive(invite, natted);
        TransactionOutput.RequestReceived received = h.outputs(TransactionOutput.RequestReceived.class).get(0);
        assertThat(received.request().topVia().received()).isEqualTo("203.0.113.7");
        assertThat(received.request().topVia().rport()).isEqualTo(41000);
        h.respond(received.transaction(), received.request().createResponse(180, null, "b"));
        TransactionOutput.Send send = h.outputs(TransactionOutput.Send.class).get(0);
        assertThat(send.destination()).isEqualTo(natted);
        assertThat(send.message().topVia().received()).isEqualTo("203.0.113.7");

        TransactionHarness noRport = new TransactionHarness();
        SipRequest plain = request("OPTIONS", "z9hG4bKs13");
        plain.setHeader("Via", "SIP/2.0/UDP client.example.com:5070;branch=z9hG4bKs13");
        noRport.receive(plain, natted);
        TransactionOutput.RequestReceived r = noRport.outputs(TransactionOutput.RequestReceived.class).get(0);
        noRport.respond(r.transaction(), r.request().createResponse(200, null, "b"));
        assertThat(noRport.outputs(TransactionOutput.Send.class).get(0).destination())
                .isEqualTo(new Endpoint(TransportKind.UDP, "203.0.113.7", 5070));
    }

    @Test
    void matchingUsesSentByAndMethodAsWellAsTheBranch() {
        SipRequest fromA = request("OPTIONS", "z9hG4bKsame");
        SipRequest fromB = request("OPTIONS", "z9hG4bKsame");
        fromB.setHeader("Via", "SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bKsame");
        SipRequest message = request("MESSAGE", "z9hG4bKsame");
        h.receive(fromA, PEER_UDP);
        h.receive(fromB, new Endpoint(TransportKind.UDP, "198.51.100.1", 5060));
        h.receive(message, PEER_UDP);
        assertThat(h.outputs(TransactionOutput.RequestReceived.class)).hasSize(3);
        assertThat(h.layer.size()).isEqualTo(3);
    }

    @Test
    void rfc2543PeersWithoutTheMagicCookieStillMatchTheirAck() {
        SipRequest invite = request("INVITE", "oldstyle1");
        TransactionId id = arrive(invite, PEER_UDP);
        assertThat(id.branch()).startsWith("rfc2543;");
        SipResponse decline = invite.createResponse(603, null, "bob");
        h.respond(id, decline);
        h.receive(ackFor(invite, decline), PEER_UDP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.CONFIRMED);
        assertThat(h.outputs(TransactionOutput.AckReceived.class)).isEmpty();
    }
}
