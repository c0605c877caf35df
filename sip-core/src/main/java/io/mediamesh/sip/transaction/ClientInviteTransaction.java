package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;

/** The INVITE client transaction (RFC 3261 §17.1.1 with RFC 6026's Accepted state). */
final class ClientInviteTransaction extends Transaction {
    private long retransmitInterval;
    private SipRequest ack;
    private boolean cancelPending;

    ClientInviteTransaction(TransactionLayer layer, TransactionId id, SipRequest request, Endpoint peer) {
        super(layer, id, request, peer);
    }

    void start(long nowMillis) {
        state = TransactionState.CALLING;
        send(request);
        if (!reliable()) {
            retransmitInterval = timers().t1();
            arm(TransactionTimer.A, retransmitInterval, nowMillis);
        }
        arm(TransactionTimer.B, timers().transactionTimeout(), nowMillis);
    }

    /** Asks for a CANCEL; until a provisional response arrives it waits (§9.1). False if too late. */
    boolean requestCancel(long nowMillis) {
        switch (state) {
            case CALLING -> cancelPending = true;
            case PROCEEDING -> layer.startCancel(this, nowMillis);
            default -> {
                return false;
            }
        }
        return true;
    }

    void onResponse(SipResponse response, long nowMillis) {
        boolean open = state == TransactionState.CALLING || state == TransactionState.PROCEEDING;
        if (response.isProvisional()) {
            if (open) {
                state = TransactionState.PROCEEDING;
                disarm(TransactionTimer.A, TransactionTimer.B);
                layer.output(new TransactionOutput.ResponseReceived(id, response));
                if (cancelPending) {
                    cancelPending = false;
                    layer.startCancel(this, nowMillis);
                }
            }
        } else if (response.isSuccess()) {
            if (open) {
                state = TransactionState.ACCEPTED;
                disarm(TransactionTimer.A, TransactionTimer.B);
                arm(TransactionTimer.M, timers().transactionTimeout(), nowMillis);
                layer.output(new TransactionOutput.ResponseReceived(id, response));
            } else if (state == TransactionState.ACCEPTED) {
                layer.output(new TransactionOutput.ResponseReceived(id, response));
            }
        } else if (open) {
            state = TransactionState.COMPLETED;
            disarm(TransactionTimer.A, TransactionTimer.B);
            ack = TransactionRequests.ackForNon2xx(request, response);
            send(ack);
            layer.output(new TransactionOutput.ResponseReceived(id, response));
            terminateAfter(TransactionTimer.D, timers().timerD(reliable()), nowMillis);
        } else if (state == TransactionState.COMPLETED) {
            send(ack);
        }
    }

    @Override
    void onTimer(TransactionTimer timer, long nowMillis) {
        switch (timer) {
            case A -> {
                send(request);
                retransmitInterval *= 2;
                arm(TransactionTimer.A, retransmitInterval, nowMillis);
            }
            case B -> timeout(timer);
            case D, M -> terminate();
            default -> throw new IllegalStateException("timer " + timer + " in client INVITE");
        }
    }
}
