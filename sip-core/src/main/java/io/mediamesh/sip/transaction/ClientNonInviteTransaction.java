package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;

/** The non-INVITE client transaction (RFC 3261 §17.1.2). */
final class ClientNonInviteTransaction extends Transaction {
    private long retransmitInterval;

    ClientNonInviteTransaction(TransactionLayer layer, TransactionId id, SipRequest request, Endpoint peer) {
        super(layer, id, request, peer);
    }

    void start(long nowMillis) {
        state = TransactionState.TRYING;
        send(request);
        if (!reliable()) {
            retransmitInterval = timers().t1();
            arm(TransactionTimer.E, retransmitInterval, nowMillis);
        }
        arm(TransactionTimer.F, timers().transactionTimeout(), nowMillis);
    }

    void onResponse(SipResponse response, long nowMillis) {
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            return; // Completed absorbs retransmissions
        }
        if (response.isProvisional()) {
            state = TransactionState.PROCEEDING;
            layer.output(new TransactionOutput.ResponseReceived(id, response));
            return;
        }
        state = TransactionState.COMPLETED;
        disarm(TransactionTimer.E, TransactionTimer.F);
        layer.output(new TransactionOutput.ResponseReceived(id, response));
        terminateAfter(TransactionTimer.K, reliable() ? 0 : timers().t4(), nowMillis);
    }

    @Override
    void onTimer(TransactionTimer timer, long nowMillis) {
        switch (timer) {
            case E -> {
                send(request);
                retransmitInterval = state == TransactionState.TRYING
                        ? Math.min(2 * retransmitInterval, timers().t2()) : timers().t2();
                arm(TransactionTimer.E, retransmitInterval, nowMillis);
            }
            case F -> timeout(timer);
            case K -> terminate();
            default -> throw new IllegalStateException("timer " + timer + " in client non-INVITE");
        }
    }
}
