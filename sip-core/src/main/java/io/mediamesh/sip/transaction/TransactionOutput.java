package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.SipMessage;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;

/**
 * What the {@link TransactionLayer} asks of its caller: a message to send, or an event for the transaction user
 * (TU). The caller drains them after every call into the layer.
 */
public sealed interface TransactionOutput {

    /**
     * Send {@code message} to {@code destination}; if that fails, report it with
     * {@link TransactionLayer#onTransportError}. {@code transaction} is null for a message outside any transaction
     * (an ACK for a 2xx).
     */
    record Send(TransactionId transaction, SipMessage message, Endpoint destination) implements TransactionOutput {
    }

    /** A new request for the TU, who answers it with {@link TransactionLayer#respond}. */
    record RequestReceived(TransactionId transaction, SipRequest request, Endpoint source)
            implements TransactionOutput {
    }

    /** A response for the TU's client transaction: provisional, final, and 2xx retransmissions (RFC 6026). */
    record ResponseReceived(TransactionId transaction, SipResponse response) implements TransactionOutput {
    }

    /**
     * An ACK that belongs to no INVITE server transaction awaiting one: the ACK for a 2xx, which the dialog layer
     * matches, or a stray ACK, which is dropped. ACKs are never answered.
     */
    record AckReceived(SipRequest ack, Endpoint source) implements TransactionOutput {
    }

    /**
     * A CANCEL matched the pending INVITE server transaction {@code invite}: the layer has already answered the
     * CANCEL with 200 and the INVITE with 487; the TU stops working on the INVITE.
     */
    record InviteCancelled(TransactionId invite, SipRequest cancel) implements TransactionOutput {
    }

    /**
     * A CANCEL that matches no INVITE server transaction: the TU answers it through {@code transaction}, normally
     * with 481 (RFC 3261 §9.2).
     */
    record UnmatchedCancel(TransactionId transaction, SipRequest cancel, Endpoint source)
            implements TransactionOutput {
    }

    /** A response matching no client transaction, e.g. a 2xx retransmitted after Timer M (the TU re-ACKs it). */
    record StrayResponse(SipResponse response, Endpoint source) implements TransactionOutput {
    }

    /**
     * The transaction timed out (B, F: no final response; H: no ACK for the final response) and is gone. For a
     * client transaction the TU treats it as a 408.
     */
    record Timeout(TransactionId transaction, TransactionTimer timer, SipRequest request)
            implements TransactionOutput {
    }

    /** Sending failed for the transaction, which is gone (RFC 3261 §17.1.4, §17.2.4). */
    record TransportError(TransactionId transaction, SipRequest request) implements TransactionOutput {
    }
}
