package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.SipMessage;
import io.mediamesh.sip.message.SipRequest;
import java.util.EnumMap;
import java.util.Map;

/** What the four transaction state machines share: identity, request, peer, state and armed timers. */
abstract class Transaction {
    final TransactionLayer layer;
    final TransactionId id;
    final SipRequest request;
    /** Where this transaction sends: the request's destination (client) or the response destination (server). */
    final Endpoint peer;
    TransactionState state;
    /** Armed timers and the sequence number of their live schedule entry. */
    final Map<TransactionTimer, Long> armed = new EnumMap<>(TransactionTimer.class);

    Transaction(TransactionLayer layer, TransactionId id, SipRequest request, Endpoint peer) {
        this.layer = layer;
        this.id = id;
        this.request = request;
        this.peer = peer;
    }

    abstract void onTimer(TransactionTimer timer, long nowMillis);

    boolean reliable() {
        return peer.transport().reliable();
    }

    SipTimers timers() {
        return layer.timers();
    }

    void send(SipMessage message) {
        layer.output(new TransactionOutput.Send(id, message, peer));
    }

    void arm(TransactionTimer timer, long delay, long nowMillis) {
        layer.schedule(this, timer, nowMillis + delay);
    }

    void disarm(TransactionTimer... timers) {
        for (TransactionTimer timer : timers) {
            armed.remove(timer);
        }
    }

    /** Terminates now when {@code delay} is zero (reliable transports), else arms {@code timer} to do it. */
    void terminateAfter(TransactionTimer timer, long delay, long nowMillis) {
        if (delay <= 0) {
            terminate();
        } else {
            arm(timer, delay, nowMillis);
        }
    }

    void terminate() {
        state = TransactionState.TERMINATED;
        armed.clear();
        layer.remove(this);
    }

    void timeout(TransactionTimer timer) {
        layer.output(new TransactionOutput.Timeout(id, timer, request));
        terminate();
    }
}
