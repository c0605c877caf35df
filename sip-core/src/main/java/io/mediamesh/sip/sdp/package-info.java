/**
 * SDP offer/answer for the SIP gateway's audio calls (issue #7): {@link io.mediamesh.sip.sdp.SdpParser} reads a
 * phone's SDP into a {@link io.mediamesh.sip.sdp.SessionDescription}; {@link io.mediamesh.sip.sdp.SipSdp} chooses
 * the codec (Opus, PCMU, PCMA by a configurable preference) and telephone-event, answers with the mirrored direction
 * (hold included), writes our own offers, and refuses with a typed
 * {@link io.mediamesh.sip.sdp.SdpNegotiationException} (a 488). Pure text in, text out: no I/O, no clock.
 */
package io.mediamesh.sip.sdp;
