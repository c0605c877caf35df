package io.mediamesh.sip.transaction;

import io.mediamesh.sip.message.NameAddress;
import io.mediamesh.sip.message.SipRequest;
import io.mediamesh.sip.message.SipResponse;

/** What both server transactions share: the last response sent, and the To tag of the layer's own answers. */
abstract class ServerTransaction extends Transaction {
    SipResponse lastResponse;
    private String ownTag;

    ServerTransaction(TransactionLayer layer, TransactionId id, SipRequest request, Endpoint peer) {
        super(layer, id, request, peer);
    }

    /** A retransmission of the request arrived. */
    abstract void onRetransmission(long nowMillis);

    /** The TU's response; false if the transaction no longer takes it (already final, terminated). */
    abstract boolean respond(SipResponse response, long nowMillis);

    void resendLast() {
        if (lastResponse != null) {
            send(lastResponse);
        }
    }

    /** The To tag for answers the layer makes itself: the TU's, if it has answered with one, else a fresh one. */
    String toTag() {
        if (lastResponse != null) {
            NameAddress to = lastResponse.to();
            if (to != null && to.tag() != null) {
                return to.tag();
            }
        }
        if (ownTag == null) {
            ownTag = layer.newTag();
        }
        return ownTag;
    }
}
