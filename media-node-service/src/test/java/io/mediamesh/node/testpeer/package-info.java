/**
 * A minimal WebRTC peer for integration tests of the media node, built only from MediaMesh's own libraries: a
 * Chromium-shaped SDP offer, a full ICE agent that only sends controlling Binding requests (RFC 8445 §7.2.4, with
 * aggressive nomination), a DTLS client ({@code a=setup:passive} answers make us the client, RFC 8842 §5.2), and
 * SRTP/SRTCP both ways. It never answers anything but DTLS: it is a client of an ICE-lite server.
 *
 * <p>Threads: each {@link io.mediamesh.node.testpeer.TestPeer} owns a reader thread (the socket), a scheduler
 * thread (STUN checks and the DTLS output drain) and a DTLS handshake thread. Its public methods are thread-safe;
 * received packets are kept in concurrent collections that tests poll with Awaitility.
 */
package io.mediamesh.node.testpeer;
