/**
 * SRTP and SRTCP protection for WebRTC media (RFC 3711, RFC 7714 AEAD-GCM, keyed by DTLS-SRTP per RFC 5764).
 *
 * <p>Contract: {@link io.mediamesh.core.srtp.SrtpKeys} is an immutable value that may cross threads.
 * {@link io.mediamesh.core.srtp.SrtpSession} is not thread-safe: one owner thread (the Netty event loop of the
 * peer's transport) calls every method. Packets are Netty {@code ByteBuf}s that the session borrows and
 * transforms in place; it never retains or releases them. Authentication failures, replays and malformed
 * packets from the peer are reported by a {@code false} return value, never by an exception, so the caller
 * can count and drop them. The per-packet path allocates nothing once the per-SSRC contexts exist.
 */
package io.mediamesh.core.srtp;
