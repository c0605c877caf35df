package io.mediamesh.core.dtls;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Checks the peer's end-entity certificate against the fingerprint from its SDP (RFC 8122 §5, RFC 8827 §6.5).
 * WebRTC certificates are self-signed, so the fingerprint, carried over the authenticated signalling channel, is
 * the only thing that binds the DTLS peer to the signalled one; no CA chain is checked.
 *
 * <p>Written by the handshake thread, read by it afterwards; {@code verified} is volatile for tests.
 */
final class RemoteFingerprintVerifier {
    private final String hashFunction;
    private final String expectedFingerprint;
    private volatile boolean verified;

    /** @throws IllegalArgumentException if the hash function is unknown */
    RemoteFingerprintVerifier(String hashFunction, String expectedFingerprint) {
        Fingerprints.digest(hashFunction, new byte[0]);
        this.hashFunction = hashFunction;
        this.expectedFingerprint = expectedFingerprint;
    }

    /**
     * Verifies the chain the peer presented.
     *
     * @throws TlsFatalAlert bad_certificate on a mismatch, certificate_unknown when no certificate was sent; BC
     *     sends the alert to the peer and aborts the handshake
     */
    void verify(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown, "peer sent no certificate");
        }
        byte[] digest = Fingerprints.digest(hashFunction, chain.getCertificateAt(0).getEncoded());
        if (!Fingerprints.matches(expectedFingerprint, digest)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "certificate fingerprint does not match the SDP " + hashFunction + " fingerprint");
        }
        verified = true;
    }

    boolean verified() {
        return verified;
    }
}
