package io.mediamesh.sip.transaction;

import java.util.Locale;

/**
 * The transport a message travelled on. Only UDP is unreliable: on the others the transaction layer arms no
 * retransmission timer and sets timers D, I, J and K to zero (RFC 3261 §17).
 */
public enum TransportKind {
    UDP(false), TCP(true), TLS(true), SCTP(true), WS(true), WSS(true);

    private final boolean reliable;

    TransportKind(boolean reliable) {
        this.reliable = reliable;
    }

    /** Whether the transport delivers reliably, so SIP itself does not retransmit. */
    public boolean reliable() {
        return reliable;
    }

    /** The kind named by a Via transport token, e.g. "TCP"; unknown tokens are taken as reliable TCP-like. */
    public static TransportKind fromVia(String token) {
        try {
            return valueOf(token.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return TCP;
        }
    }
}
