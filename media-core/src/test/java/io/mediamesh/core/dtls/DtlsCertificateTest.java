package io.mediamesh.core.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static X509Certificate parse(DtlsCertificate certificate) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.encoded()));
    }

    @Test
    void isSelfSignedEcdsaP256WithNamedCurveAndThirtyDayValidity() throws Exception {
        DtlsCertificate certificate = DtlsCertificate.generate(InstantSource.fixed(NOW));
        X509Certificate x509 = parse(certificate);

        x509.verify(x509.getPublicKey()); // self-signed
        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        // BoringSSL (Chrome) rejects explicit curve parameters: the key must name secp256r1 by OID.
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(x509.getPublicKey().getEncoded());
        assertThat(spki.getAlgorithm().getAlgorithm()).isEqualTo(X9ObjectIdentifiers.id_ecPublicKey);
        assertThat(spki.getAlgorithm().getParameters()).isEqualTo(SECObjectIdentifiers.secp256r1);

        assertThat(x509.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(x509.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(x509.getSubjectX500Principal()).isEqualTo(x509.getIssuerX500Principal());
        assertThat(x509.getSubjectX500Principal().getName()).startsWith("CN=mediamesh-");
    }

    @Test
    void fingerprintIsUpperCaseColonSeparatedSha256OfTheDer() throws Exception {
        DtlsCertificate certificate = DtlsCertificate.generate();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.encoded());
        String expected = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);

        assertThat(certificate.fingerprintSha256()).isEqualTo(expected)
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(certificate.fingerprint("SHA-256")).isEqualTo(expected);
        assertThat(certificate.fingerprint("sha-1")).hasSize(20 * 3 - 1);
        assertThatThrownBy(() -> certificate.fingerprint("md5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyGenerationIsAFreshIdentity() throws Exception {
        DtlsCertificate first = DtlsCertificate.generate();
        DtlsCertificate second = DtlsCertificate.generate();
        assertThat(first.fingerprintSha256()).isNotEqualTo(second.fingerprintSha256());
        assertThat(parse(first).getSubjectX500Principal()).isNotEqualTo(parse(second).getSubjectX500Principal());
        assertThat(parse(first).getSerialNumber()).isNotEqualTo(parse(second).getSerialNumber());
    }

    @Test
    void fingerprintComparisonIgnoresCase() {
        byte[] digest = {(byte) 0xAB, 0x01, (byte) 0xCD};
        assertThat(Fingerprints.format(digest)).isEqualTo("AB:01:CD");
        assertThat(Fingerprints.matches("ab:01:cd", digest)).isTrue();
        assertThat(Fingerprints.matches(" AB:01:CD ", digest)).isTrue();
        assertThat(Fingerprints.matches("AB:01:CE", digest)).isFalse();
        assertThat(Fingerprints.matches("AB01CD", digest)).isFalse();
    }
}
