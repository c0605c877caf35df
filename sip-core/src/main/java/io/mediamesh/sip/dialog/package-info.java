/**
 * SIP dialogs (RFC 3261 §12) and registrar bindings (§10), sans I/O. A {@link io.mediamesh.sip.dialog.Dialog} is
 * created from an INVITE (UAS) or from the INVITE and its 2xx (UAC); it keeps the dialog id (Call-ID and both
 * tags), the route set from Record-Route (reversed on the UAC side), the remote target from Contact and both CSeq
 * spaces, checks the CSeq of in-dialog requests and builds ACK, BYE and re-INVITE with Route headers per loose (or
 * strict) routing. {@link io.mediamesh.sip.dialog.BindingTable} maps addresses of record to contacts with expiries;
 * time is a {@code nowMillis} argument. Nothing here is thread-safe: one owner (an event loop) at a time.
 */
package io.mediamesh.sip.dialog;
