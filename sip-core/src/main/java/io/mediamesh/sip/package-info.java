/**
 * Pure SIP gateway code (issue #7), growing piece by piece: {@code message} (parsing, framing and writing SIP
 * messages, typed headers, responses built from requests), {@code transaction} (the sans-IO RFC 3261 §17 / RFC 6026
 * transaction layer, driven by the caller's clock), {@code media} (G.711, resampling, jitter buffer, mixer, audio
 * levels), {@code media.dtmf} (RFC 4733), {@code sdp} (offer/answer for audio calls) and {@code auth} (digest). No
 * sockets, no threads, no clock reads; the dialog layer will join it.
 */
package io.mediamesh.sip;
