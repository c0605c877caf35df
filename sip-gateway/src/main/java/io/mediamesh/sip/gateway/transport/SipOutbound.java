package io.mediamesh.sip.gateway.transport;

import io.mediamesh.sip.transaction.Endpoint;

/** Sends SIP messages. Called on the transport's event loop. */
public interface SipOutbound {

    /**
     * Writes {@code bytes} to {@code destination} over its transport (a TCP destination without a connection gets
     * one). Returns false when it cannot be sent at all (no such transport); later failures are only logged.
     */
    boolean send(byte[] bytes, Endpoint destination);
}
