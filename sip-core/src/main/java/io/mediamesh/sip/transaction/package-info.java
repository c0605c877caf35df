/**
 * The SIP transaction layer (RFC 3261 §17, RFC 6026), sans I/O: {@link io.mediamesh.sip.transaction.TransactionLayer}
 * runs the INVITE and non-INVITE client and server state machines, matches messages to them
 * ({@link io.mediamesh.sip.transaction.TransactionId}: branch, sent-by, method; ACK and CANCEL to their INVITE),
 * retransmits on unreliable transports and times out, with T1/T2/T4 from
 * {@link io.mediamesh.sip.transaction.SipTimers}. It takes the time as {@code nowMillis}, reports its next timer
 * deadline, and returns everything as drained {@link io.mediamesh.sip.transaction.TransactionOutput}s (messages to
 * send to an {@link io.mediamesh.sip.transaction.Endpoint}, events for the transaction user). No sockets, threads
 * or clock.
 */
package io.mediamesh.sip.transaction;
