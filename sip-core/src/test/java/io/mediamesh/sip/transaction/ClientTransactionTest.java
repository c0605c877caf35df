package io.mediamesh.sip.transaction;

import static io.mediamesh.sip.transaction.TransactionHarness.PEER_TCP;
import static io.mediamesh.sip.transaction.TransactionHarness.PEER_UDP;
import static io.mediamesh.sip.transaction.TransactionHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.sip.message.CSeq;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** Client transactions (RFC 3261 §17.1, RFC 6026) under a fake clock. */
class ClientTransactionTest {
    private final TransactionHarness h = new TransactionHarness();

    private static SipResponse answer(SipRequest request, int status, String toTag) {
        return request.createResponse(status, null, toTag);
    }

    @Test
    void inviteRetransmitsWithTimerADoublingAndTimesOutWithTimerB() {
        SipRequest invite = request("INVITE", "z9hG4bKa1");
        TransactionId id = h.send(invite, PEER_UDP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.CALLING);

        h.runUntil(40_000);

        assertThat(h.sendTimes("INVITE")).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(h.outputs(TransactionOutput.Timeout.class)).singleElement().satisfies(t -> {
            assertThat(t.transaction()).isEqualTo(id);
            assertThat(t.timer()).isEqualTo(TransactionTimer.B);
            assertThat(t.request()).isSameAs(invite);
        });
        assertThat(h.log.get(h.log.size() - 1).atMillis()).isEqualTo(32_000);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.TERMINATED);
        assertThat(h.layer.size()).isZero();
        assertThat(h.layer.nextTimerAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void inviteOverTcpIsNotRetransmittedButStillTimesOut() {
        h.send(request("INVITE", "z9hG4bKa2", "TCP"), PEER_TCP);
        h.runUntil(40_000);
        assertThat(h.sendTimes("INVITE")).containsExactly(0L);
        assertThat(h.outputs(TransactionOutput.Timeout.class)).hasSize(1);
    }

    @Test
    void provisionalStopsRetransmissionAndNon2xxIsAckedByTheTransaction() {
        SipRequest invite = request("INVITE", "z9hG4bKa3");
        TransactionId id = h.send(invite, PEER_UDP);
        h.runUntil(600);
        h.receive(answer(invite, 180, "bob1"), PEER_UDP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.PROCEEDING);
        h.runUntil(60_000);
        assertThat(h.sendTimes("INVITE")).containsExactly(0L, 500L);
        assertThat(h.outputs(TransactionOutput.Timeout.class)).as("Timer B only runs in Calling").isEmpty();

        h.receive(answer(invite, 486, "bob1"), PEER_UDP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.COMPLETED);
        SipRequest ack = (SipRequest) h.sent("ACK").get(0);
        assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
        assertThat(ack.vias()).containsExactly(invite.topVia());
        assertThat(ack.to().tag()).isEqualTo("bob1");
        assertThat(ack.from()).isEqualTo(invite.from());
        assertThat(ack.callId()).isEqualTo(invite.callId());
        assertThat(ack.cseq()).isEqualTo(new CSeq(1, "ACK"));
        assertThat(ack.routes()).isEqualTo(invite.routes());

        h.receive(answer(invite, 486, "bob1"), PEER_UDP);
        assertThat(h.sent("ACK")).as("a retransmitted 486 is ACKed again").hasSize(2);
        assertThat(h.outputs(TransactionOutput.ResponseReceived.class))
                .extracting(r -> r.response().statusCode()).containsExactly(180, 486);

        h.runUntil(60_000 + 31_999);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.COMPLETED);
        h.runUntil(60_000 + 32_000);
        assertThat(h.layer.state(id)).as("Timer D").isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void non2xxOverTcpTerminatesAtOnce() {
        SipRequest invite = request("INVITE", "z9hG4bKa4", "TCP");
        TransactionId id = h.send(invite, PEER_TCP);
        h.receive(answer(invite, 603, "x"), PEER_TCP);
        assertThat(h.sent("ACK")).hasSize(1);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void twoHundredsGoToTheTuUntilTimerM() {
        SipRequest invite = request("INVITE", "z9hG4bKa5");
        TransactionId id = h.send(invite, PEER_UDP);
        h.receive(answer(invite, 200, "bob1"), PEER_UDP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.ACCEPTED);
        h.receive(answer(invite, 200, "bob1"), PEER_UDP);
        h.receive(answer(invite, 200, "bob2"), PEER_UDP);
        assertThat(h.outputs(TransactionOutput.ResponseReceived.class)).hasSize(3);
        assertThat(h.sent("ACK")).as("the TU ACKs a 2xx, not the transaction").isEmpty();
        h.runUntil(32_000);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.TERMINATED);
        assertThat(h.sendTimes("INVITE")).containsExactly(0L);
        h.receive(answer(invite, 200, "bob1"), PEER_UDP);
        assertThat(h.outputs(TransactionOutput.StrayResponse.class)).hasSize(1);

        SipRequest ack = new SipRequest("ACK", "sip:bob@192.0.2.10");
        assertThat(h.layer.sendRequest(ack, PEER_UDP, h.now())).isNull();
        h.collect();
        assertThat(h.sent("ACK")).hasSize(1);
    }

    @Test
    void nonInviteRetransmitsCappedAtT2AndTimesOutWithTimerF() {
        TransactionId id = h.send(request("OPTIONS", "z9hG4bKo1"), PEER_UDP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.TRYING);
        h.runUntil(40_000);
        assertThat(h.sendTimes("OPTIONS")).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L,
                23500L, 27500L, 31500L);
        assertThat(h.outputs(TransactionOutput.Timeout.class)).singleElement()
                .satisfies(t -> assertThat(t.timer()).isEqualTo(TransactionTimer.F));
        assertThat(h.layer.size()).isZero();
    }

    @Test
    void nonInviteInProceedingRetransmitsEveryT2AndWaitsTimerKAfterTheFinal() {
        SipRequest register = request("REGISTER", "z9hG4bKr1");
        TransactionId id = h.send(register, PEER_UDP);
        h.runUntil(600);
        h.receive(answer(register, 100, null), PEER_UDP);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.PROCEEDING);
        h.runUntil(10_000);
        assertThat(h.sendTimes("REGISTER")).containsExactly(0L, 500L, 1500L, 5500L, 9500L);

        h.receive(answer(register, 200, "r"), PEER_UDP);
        h.receive(answer(register, 200, "r"), PEER_UDP);
        assertThat(h.outputs(TransactionOutput.ResponseReceived.class)).extracting(r -> r.response().statusCode())
                .containsExactly(100, 200);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.COMPLETED);
        h.runUntil(14_999);
        assertThat(h.layer.state(id)).isEqualTo(TransactionState.COMPLETED);
        h.runUntil(15_000);
        assertThat(h.layer.state(id)).as("Timer K = T4").isEqualTo(TransactionState.TERMINATED);
        assertThat(h.sendTimes("REGISTER")).hasSize(5);
    }

    @Test
    void transportErrorEndsTheTransaction() {
        SipRequest bye = request("BYE", "z9hG4bKb1", "TCP");
        TransactionId id = h.send(bye, PEER_TCP);
        h.layer.onTransportError(id, h.now());
        h.collect();
        assertThat(h.outputs(TransactionOutput.TransportError.class)).singleElement()
                .satisfies(e -> assertThat(e.request()).isSameAs(bye));
        assertThat(h.layer.size()).isZero();
        assertThat(h.layer.nextTimerAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void cancelWaitsForAProvisionalAndUsesTheInviteBranch() {
        SipRequest invite = request("INVITE", "z9hG4bKc1");
        TransactionId id = h.send(invite, PEER_UDP);
        TransactionId cancelId = h.layer.sendCancel(id, h.now());
        h.collect();
        assertThat(cancelId).isEqualTo(new TransactionId(false, "z9hG4bKc1", "", "CANCEL"));
        assertThat(h.sent("CANCEL")).as("no CANCEL before a provisional (§9.1)").isEmpty();

        h.runUntil(700);
        h.receive(answer(invite, 180, "bob"), PEER_UDP);
        SipRequest cancel = (SipRequest) h.sent("CANCEL").get(0);
        assertThat(h.sendTimes("CANCEL")).containsExactly(700L);
        assertThat(cancel.topVia()).isEqualTo(invite.topVia());
        assertThat(cancel.cseq()).isEqualTo(new CSeq(1, "CANCEL"));
        assertThat(cancel.to().tag()).isNull();
        assertThat(cancel.routes()).isEqualTo(invite.routes());

        h.receive(cancel.createResponse(200, null, "bob"), PEER_UDP);
        assertThat(h.layer.state(cancelId)).isEqualTo(TransactionState.COMPLETED);
        h.receive(answer(invite, 487, "bob"), PEER_UDP);
        assertThat(h.sent("ACK")).hasSize(1);
        assertThat(h.layer.sendCancel(id, h.now())).as("nothing left to cancel").isNull();
    }

    @Test
    void aBranchCannotBeReusedAndARequestNeedsOne() {
        h.send(request("OPTIONS", "z9hG4bKdup"), PEER_UDP);
        assertThatThrownBy(() -> h.send(request("OPTIONS", "z9hG4bKdup"), PEER_UDP))
                .isInstanceOf(IllegalStateException.class);
        SipRequest bare = new SipRequest("OPTIONS", "sip:x@y");
        assertThatThrownBy(() -> h.layer.sendRequest(bare, PEER_UDP, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(h.layer.newBranch()).startsWith("z9hG4bK").hasSizeGreaterThan(20);
    }
}
