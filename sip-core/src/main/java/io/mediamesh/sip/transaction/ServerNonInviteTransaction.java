package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;

/** The non-INVITE server transaction (RFC 3261 §17.2.2). */
final class ServerNonInviteTransaction extends ServerTransaction {

    ServerNonInviteTransaction(TransactionLayer layer, TransactionId id, SipRequest request, Endpoint peer) {
        super(layer, id, request, peer);
        state = TransactionState.TRYING;
    }

    @Override
    void onRetransmission(long nowMillis) {
        resendLast(); // nothing yet in Trying
    }

    @Override
    boolean respond(SipResponse response, long nowMillis) {
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            return false;
        }
        lastResponse = response;
        send(response);
        if (response.isProvisional()) {
            state = TransactionState.PROCEEDING;
        } else {
            state = TransactionState.COMPLETED;
            terminateAfter(TransactionTimer.J, reliable() ? 0 : timers().transactionTimeout(), nowMillis);
        }
        return true;
    }

    @Override
    void onTimer(TransactionTimer timer, long nowMillis) {
        if (timer != TransactionTimer.J) {
            throw new IllegalStateException("timer " + timer + " in server non-INVITE");
        }
        terminate();
    }
}
