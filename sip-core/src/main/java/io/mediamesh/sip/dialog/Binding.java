package io.mediamesh.sip.dialog;

import io.mediamesh.sip.transaction.Endpoint;

/**
 * One registrar binding (RFC 3261 §10.3): an address of record reachable at a contact until an expiry.
 *
 * @param aor             the address of record, normalised {@code user@domain} or {@code user}
 * @param contact         the Contact URI as registered
 * @param source          where the REGISTER came from (for a UA behind NAT, the place to send requests to)
 * @param callId          the REGISTER's Call-ID
 * @param cseq            the REGISTER's CSeq number
 * @param expiresAtMillis when the binding lapses, in the caller's clock
 */
public record Binding(String aor, String contact, Endpoint source, String callId, long cseq, long expiresAtMillis) {

    /** Seconds left at {@code nowMillis}, never negative. */
    public long secondsLeft(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }
}
