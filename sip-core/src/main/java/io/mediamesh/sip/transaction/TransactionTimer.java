package io.mediamesh.sip.transaction;

/** The transaction timers of RFC 3261 Table 4 and RFC 6026, and the 200 ms timer for 100 Trying (§17.2.1). */
public enum TransactionTimer {
    /** Client INVITE retransmission, T1 doubling. */
    A,
    /** Client INVITE timeout, 64*T1. */
    B,
    /** Client INVITE wait for response retransmissions after a non-2xx. */
    D,
    /** Client non-INVITE retransmission, T1 doubling up to T2. */
    E,
    /** Client non-INVITE timeout, 64*T1. */
    F,
    /** Server INVITE final response retransmission, T1 doubling up to T2. */
    G,
    /** Server INVITE wait for ACK, 64*T1. */
    H,
    /** Server INVITE wait for ACK retransmissions, T4. */
    I,
    /** Server non-INVITE wait for request retransmissions, 64*T1. */
    J,
    /** Client non-INVITE wait for response retransmissions, T4. */
    K,
    /** Server INVITE in Accepted, 64*T1 (RFC 6026). */
    L,
    /** Client INVITE in Accepted, 64*T1 (RFC 6026). */
    M,
    /** Server INVITE: send 100 Trying if the TU has not answered within 200 ms. */
    TRYING
}
