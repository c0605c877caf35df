/**
 * The SIP message layer (RFC 3261 §7, §20, §25): {@link io.mediamesh.sip.message.SipMessage} (request or response,
 * headers in order, body), read from bytes by {@link io.mediamesh.sip.message.SipParser} (a datagram or one frame)
 * and cut from a stream by {@link io.mediamesh.sip.message.SipStreamFramer}; written back by
 * {@code SipMessage.toBytes()}. Typed values for the headers a gateway reads: {@link io.mediamesh.sip.message.Via},
 * {@link io.mediamesh.sip.message.NameAddress} (From, To, Contact, Route, Record-Route),
 * {@link io.mediamesh.sip.message.CSeq}, {@link io.mediamesh.sip.message.AuthHeader}. Answers to a request are built
 * by {@code SipRequest.createResponse} (§8.2.6). Bad input is a {@link io.mediamesh.sip.message.SipParseException}
 * carrying the status code and reason to answer with, and the partial request when an answer can be routed.
 * Pure: no I/O, no clock; messages up to {@link io.mediamesh.sip.message.SipParser#MAX_MESSAGE_BYTES}.
 */
package io.mediamesh.sip.message;
