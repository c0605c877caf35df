/**
 * DTLS-SRTP key agreement for WebRTC (RFC 5764, RFC 8842, RFC 8827 §6.5) on Bouncy Castle's DTLS 1.2 engine
 * (RFC 6347).
 *
 * <p>Contract: {@link io.mediamesh.core.dtls.DtlsEndpoint} is a sans-IO facade. The owner (a Netty event loop)
 * feeds received DTLS datagrams with {@code handleInput}, drains {@link io.mediamesh.core.dtls.DtlsOutput}s with
 * {@code pollOutput} (Transmit datagrams, then Connected with the SRTP keys, then Failed or Closed) and sends
 * the Transmits itself; nothing here opens a socket. Because BC blocks while it pulls datagrams, the handshake
 * and the post-handshake alert reader run as one task on an executor the owner supplies; that task is the only
 * thread that touches BC objects. All public methods are thread-safe; {@code wakeup} tells the owner, from the
 * handshake thread, that output is waiting.
 *
 * <p>Security rules: only DTLS 1.2 with ECDHE-ECDSA suites and extended master secret (RFC 7627); the peer must
 * present a certificate whose fingerprint equals the one in its SDP (RFC 8122 §5), otherwise the handshake
 * fails with bad_certificate; use_srtp must be negotiated (AEAD_AES_128_GCM preferred, RFC 7714 §14.2; then
 * AES_CM_128_HMAC_SHA1_80).
 *
 * <p>Time: BC's own timers drive retransmission and the handshake timeout (default 10 s) on the handshake
 * thread; {@link io.mediamesh.core.dtls.DtlsCertificate#generate()} reads the wall clock for certificate
 * validity, and {@code generate(InstantSource)} takes it as a parameter.
 */
package io.mediamesh.core.dtls;
