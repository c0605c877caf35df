/**
 * DTLS-SRTP key agreement for WebRTC (RFC 5764, RFC 8842, RFC 8827 §6.5) on Bouncy Castle's DTLS 1.2 engine
 * (RFC 6347).
 *
 * <p>Contract: {@link io.mediamesh.core.dtls.DtlsEndpoint} is a sans-IO facade. The owner (a Netty event loop)
 * feeds received DTLS datagrams with {@code handleInput}, drains {@link io.mediamesh.core.dtls.DtlsOutput}s with
 * {@code pollOutput} (Transmit datagrams, then Connected with the SRTP keys, then Failed or Closed) and sends
 * the Transmits itself; nothing here opens a socket.
 *
 * <p>Threads: because BC blocks while it pulls datagrams, the handshake runs as one task on an executor the owner
 * supplies, and returns its thread once the handshake ends. Afterwards each received datagram or close schedules
 * a short, non-blocking task on the same executor; an endpoint's tasks run one at a time, so BC objects are only
 * ever used by one thread at a time, and an established connection holds no thread. All public methods are
 * thread-safe; {@code wakeup} tells the owner, from whichever thread queued it, that output is waiting.
 *
 * <p>Security rules: only DTLS 1.2 with ECDHE-ECDSA suites and extended master secret (RFC 7627); the peer must
 * present a certificate whose fingerprint equals the one in its SDP (RFC 8122 §5), otherwise the handshake
 * fails with bad_certificate; use_srtp must be negotiated (AEAD_AES_128_GCM preferred, RFC 7714 §14.2; then
 * AES_CM_128_HMAC_SHA1_80).
 *
 * <p>Time: BC's own timers drive retransmission and the handshake timeout (default 10 s) on the handshake
 * thread, and the expiry of the final flight BC keeps for retransmission after the handshake;
 * {@link io.mediamesh.core.dtls.DtlsCertificate#generate()} reads the wall clock for certificate validity, and
 * {@code generate(InstantSource)} takes it as a parameter.
 */
package io.mediamesh.core.dtls;
