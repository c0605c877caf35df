package io.mediamesh.core.dtls;

import io.mediamesh.core.srtp.SrtpProfile;
import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** The handshake parameters both our DTLS client and server use. */
final class DtlsParameters {
    /**
     * Only DTLS 1.2 (RFC 6347). Browsers that also offer DTLS 1.3 in supported_versions fall back to it.
     */
    static final ProtocolVersion[] VERSIONS = ProtocolVersion.DTLSv12.only();

    /**
     * ECDHE with an ECDSA certificate, AEAD first; AES-128-GCM is what Chrome and Firefox pick. The CBC suite
     * keeps older stacks working.
     */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    /** Our SRTP profile preference, most preferred first (RFC 5764 §4.1.1 lets the server pick). */
    static final SrtpProfile[] SRTP_PREFERENCE = {SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80};

    /** Default handshake timeout: a browser normally finishes in well under a second. */
    static final int DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private DtlsParameters() {
    }

    /** The {@code use_srtp} offer of a client: every profile we support, in preference order, no MKI. */
    static UseSRTPData srtpOffer() {
        int[] ids = new int[SRTP_PREFERENCE.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = SRTP_PREFERENCE[i].id();
        }
        return new UseSRTPData(ids, TlsUtils.EMPTY_BYTES);
    }

    /**
     * The server's choice from a client's {@code use_srtp} offer: our most preferred profile that the client
     * lists.
     *
     * @throws TlsFatalAlert handshake_failure if the client did not offer use_srtp or shares no profile with us
     */
    static SrtpProfile selectSrtpProfile(UseSRTPData offer) throws IOException {
        if (offer == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "client did not offer use_srtp");
        }
        for (SrtpProfile candidate : SRTP_PREFERENCE) {
            for (int offered : offer.getProtectionProfiles()) {
                if (offered == candidate.id()) {
                    return candidate;
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
    }

    /**
     * The profile a server answered with, checked against our offer (RFC 5764 §4.1.1: exactly one profile,
     * which the client offered).
     */
    static SrtpProfile acceptSrtpAnswer(UseSRTPData answer) throws IOException {
        if (answer == null || answer.getProtectionProfiles().length != 1) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server did not select one SRTP profile");
        }
        int chosen = answer.getProtectionProfiles()[0];
        for (SrtpProfile offered : SRTP_PREFERENCE) {
            if (offered.id() == chosen) {
                return offered;
            }
        }
        throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server selected an SRTP profile we did not offer");
    }

    /** Our ECDSA signing credentials for this handshake, signing with SHA-256 as P-256 calls for. */
    static TlsCredentialedSigner signer(TlsCryptoParameters parameters, BcTlsCrypto crypto,
                                        DtlsCertificate certificate) throws IOException {
        TlsCertificate tlsCertificate = crypto.createCertificate(certificate.der());
        Certificate chain = new Certificate(new TlsCertificate[] {tlsCertificate});
        return new BcDefaultTlsCredentialedSigner(parameters, crypto, certificate.privateKey(), chain,
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }
}
