/**
 * Pure SIP gateway code (issue #7), growing piece by piece: {@code media} (G.711, resampling, jitter buffer, mixer,
 * audio levels), {@code media.dtmf} (RFC 4733), {@code sdp} (offer/answer for audio calls) and {@code auth}
 * (digest). No sockets, no threads, no clock reads; the SIP parser and transaction layer will join it.
 */
package io.mediamesh.sip;
