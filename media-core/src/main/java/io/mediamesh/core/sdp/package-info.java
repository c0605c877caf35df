/**
 * WHIP/WHEP offer/answer negotiation: the server is always the answerer (RFC 9725 WHIP, WHEP draft)
 * and implements the subset of JSEP (RFC 8829) that a single-transport ICE-lite SFU needs.
 *
 * <p>Contract: {@link io.mediamesh.core.sdp.SdpNegotiator#answer} takes the client's offer text and
 * returns the answer text plus everything the media path needs (remote ICE/DTLS credentials, payload
 * types, RTX mapping, header-extension ids, remote SSRCs or rids, our send SSRCs). It requires
 * BUNDLE (RFC 8843) with rtcp-mux (RFC 5761), answers {@code a=ice-lite} and {@code a=setup:passive},
 * and negotiates Opus, VP8, VP9 profile 0 and H264 (RFC 6184) with RTX (RFC 4588), rid (RFC 8851) and
 * simulcast (RFC 8853). Anything else in the offer is either rejected per m-line (port 0) or, when
 * the offer cannot work at all, reported as a {@link io.mediamesh.core.sdp.NegotiationException}
 * whose message can be returned to the client as-is.
 *
 * <p>Ownership and threads: stateless static functions over immutable values; safe from any thread.
 * The answer is a pure function of its inputs (no clock, no randomness: SSRCs come from the caller's
 * {@link java.util.function.LongSupplier}).
 */
package io.mediamesh.core.sdp;
