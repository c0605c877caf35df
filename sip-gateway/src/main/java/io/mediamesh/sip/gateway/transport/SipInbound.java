package io.mediamesh.sip.gateway.transport;

import io.mediamesh.sip.transaction.Endpoint;

/** Receives SIP messages from the network, on the transport's event loop. */
public interface SipInbound {

    /** One datagram or one framed stream message from {@code source}; the array is the receiver's. */
    void onMessage(byte[] message, Endpoint source);

    /** A stream that cannot be framed any more (it is closed); counted as malformed. */
    default void onUnframeable(Endpoint source, String reason) {
    }
}
