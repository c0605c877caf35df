package io.mediamesh.core.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * Our DTLS identity: an ECDSA P-256 key pair and a self-signed X.509 certificate, as WebRTC expects
 * (RFC 8827 §6.5; peers authenticate it by the SDP fingerprint, RFC 8122 §5, not by a CA chain).
 *
 * <p>One certificate may be shared by many {@link DtlsEndpoint}s; the class is immutable and thread-safe.
 */
public final class DtlsCertificate {
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AsymmetricKeyParameter privateKey;
    private final byte[] der;
    private final String fingerprintSha256;

    private DtlsCertificate(AsymmetricKeyParameter privateKey, byte[] der) {
        this.privateKey = privateKey;
        this.der = der;
        this.fingerprintSha256 = Fingerprints.format(Fingerprints.digest("sha-256", der));
    }

    /**
     * Generates a fresh key pair and a certificate valid for 30 days from the system clock. The wall clock is
     * inherent here: certificate validity is wall-clock time by definition.
     */
    public static DtlsCertificate generate() {
        return generate(InstantSource.system());
    }

    /**
     * Generates a fresh key pair and a certificate valid from one day before {@code clock.instant()} (to
     * tolerate peers with a slow clock) until 30 days after it, with a random common name.
     */
    public static DtlsCertificate generate(InstantSource clock) {
        ECNamedDomainParameters curve = ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(curve, RANDOM));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();

        byte[] serialBytes = new byte[8];
        RANDOM.nextBytes(serialBytes);
        X500Name name = new X500Name("CN=mediamesh-" + HexFormat.of().formatHex(serialBytes));
        Instant now = clock.instant();
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, new BigInteger(1, serialBytes),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            AlgorithmIdentifier signatureAlgorithm =
                    new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digestAlgorithm = new DefaultDigestAlgorithmIdentifierFinder().find(signatureAlgorithm);
            byte[] der = builder.build(new BcECContentSignerBuilder(signatureAlgorithm, digestAlgorithm)
                    .build(keyPair.getPrivate())).getEncoded();
            return new DtlsCertificate(keyPair.getPrivate(), der);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the DTLS certificate", e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("ECDSA signing is unavailable", e);
        }
    }

    /**
     * The SHA-256 fingerprint of the DER certificate as SDP writes it: upper-case hex pairs joined by ':'
     * (RFC 8122 §5), e.g. for {@code a=fingerprint:sha-256 AB:CD:...}.
     */
    public String fingerprintSha256() {
        return fingerprintSha256;
    }

    /** The fingerprint under another hash function named as in SDP ("sha-1", "sha-256", "sha-384", "sha-512"). */
    public String fingerprint(String hashFunction) {
        return Fingerprints.format(Fingerprints.digest(hashFunction, der));
    }

    /** The DER-encoded X.509 certificate. */
    public byte[] encoded() {
        return der.clone();
    }

    /** The private key, for Bouncy Castle's credentialed signer. */
    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** The DER encoding without a defensive copy, for Bouncy Castle (which does not modify it). */
    byte[] der() {
        return der;
    }

    @Override
    public String toString() {
        return "DtlsCertificate[sha-256 " + fingerprintSha256 + "]";
    }
}
