package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;

/** The INVITE server transaction (RFC 3261 §17.2.1 with RFC 6026's Accepted state). */
final class ServerInviteTransaction extends ServerTransaction {
    private long retransmitInterval;

    ServerInviteTransaction(TransactionLayer layer, TransactionId id, SipRequest request, Endpoint peer) {
        super(layer, id, request, peer);
    }

    void start(long nowMillis) {
        state = TransactionState.PROCEEDING;
        arm(TransactionTimer.TRYING, SipTimers.TRYING_DELAY, nowMillis);
    }

    boolean awaitingFinal() {
        return state == TransactionState.PROCEEDING;
    }

    @Override
    void onRetransmission(long nowMillis) {
        if (state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) {
            resendLast();
        }
    }

    void onAck(SipRequest ack, Endpoint source, long nowMillis) {
        switch (state) {
            case COMPLETED -> {
                state = TransactionState.CONFIRMED;
                disarm(TransactionTimer.G, TransactionTimer.H);
                terminateAfter(TransactionTimer.I, reliable() ? 0 : timers().t4(), nowMillis);
            }
            case ACCEPTED -> layer.output(new TransactionOutput.AckReceived(ack, source));
            default -> {
                // Confirmed absorbs ACK retransmissions; an ACK before the final response is meaningless
            }
        }
    }

    @Override
    boolean respond(SipResponse response, long nowMillis) {
        if (state == TransactionState.ACCEPTED && response.isSuccess()) {
            send(response); // the TU retransmits its 2xx (RFC 3261 §13.3.1.4)
            return true;
        }
        if (state != TransactionState.PROCEEDING) {
            return false;
        }
        disarm(TransactionTimer.TRYING);
        lastResponse = response;
        send(response);
        if (response.isSuccess()) {
            state = TransactionState.ACCEPTED;
            arm(TransactionTimer.L, timers().transactionTimeout(), nowMillis);
        } else if (response.isFinal()) {
            state = TransactionState.COMPLETED;
            if (!reliable()) {
                retransmitInterval = timers().t1();
                arm(TransactionTimer.G, retransmitInterval, nowMillis);
            }
            arm(TransactionTimer.H, timers().transactionTimeout(), nowMillis);
        }
        return true;
    }

    @Override
    void onTimer(TransactionTimer timer, long nowMillis) {
        switch (timer) {
            case TRYING -> {
                if (state == TransactionState.PROCEEDING && lastResponse == null) {
                    lastResponse = request.createResponse(100);
                    send(lastResponse);
                }
            }
            case G -> {
                send(lastResponse);
                retransmitInterval = Math.min(2 * retransmitInterval, timers().t2());
                arm(TransactionTimer.G, retransmitInterval, nowMillis);
            }
            case H -> timeout(timer);
            case I, L -> terminate();
            default -> throw new IllegalStateException("timer " + timer + " in server INVITE");
        }
    }
}
