package io.mediamesh.core.sdp;

/**
 * The client's side of the bundled transport, read from the offer's BUNDLE-tagged m-line (RFC 8843
 * §7.2.1) with session-level fallback: ICE credentials, the certificate fingerprint the DTLS layer
 * must verify (hash function lower-cased, such as "sha-256"), and the offered {@code a=setup} role
 * ("actpass" or "active"; "active" when the offer omits it, the RFC 4145 §4 default).
 */
public record RemoteTransport(String iceUfrag, String icePwd, String fingerprintHashFunction, String fingerprint,
                              String setup) {
}
