package io.mediamesh.sip.transaction;

/** The states of the four state machines of RFC 3261 §17 with the Accepted state of RFC 6026. */
public enum TransactionState {
    /** Client INVITE: sent, nothing heard yet. */
    CALLING,
    /** Non-INVITE: request sent (client) or received (server), no response yet. */
    TRYING,
    /** A provisional response was received (client) or sent (server). */
    PROCEEDING,
    /** A final response (non-2xx for INVITE) was received or sent; absorbing retransmissions. */
    COMPLETED,
    /** Server INVITE: the ACK for the non-2xx final response arrived. */
    CONFIRMED,
    /** INVITE: a 2xx was received or sent (RFC 6026); 2xx retransmissions pass to the TU. */
    ACCEPTED,
    /** Gone. */
    TERMINATED
}
