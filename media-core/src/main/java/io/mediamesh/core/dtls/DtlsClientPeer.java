package io.mediamesh.core.dtls;

import io.mediamesh.core.srtp.SrtpKeys;
import io.mediamesh.core.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our DTLS 1.2 client (a=setup:active): offers use_srtp with both our profiles, presents our certificate when
 * asked, and checks the server's certificate against the SDP fingerprint. Called on the handshake thread only.
 */
final class DtlsClientPeer extends DefaultTlsClient implements DtlsPeerState {
    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final RemoteFingerprintVerifier verifier;
    private final int handshakeTimeoutMillis;
    private final AlertLog alerts = new AlertLog();
    private SrtpProfile srtpProfile;
    private volatile SrtpKeys srtpKeys;

    DtlsClientPeer(BcTlsCrypto crypto, DtlsCertificate certificate, RemoteFingerprintVerifier verifier,
                   int handshakeTimeoutMillis) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.verifier = verifier;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return DtlsParameters.VERSIONS;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsParameters.CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, DtlsParameters.srtpOffer());
        return extensions;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        srtpProfile = DtlsParameters.acceptSrtpAnswer(TlsSRTPUtils.getUseSRTPExtension(serverExtensions));
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        // BC only allows the exporter from inside this callback (RFC 5705 keying material, RFC 5764 §4.2).
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                srtpProfile.keyingMaterialLength());
        srtpKeys = SrtpKeys.fromExporter(srtpProfile, material, false);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                verifier.verify(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return DtlsParameters.signer(new TlsCryptoParameters(context), crypto, certificate);
            }
        };
    }

    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
        alerts.raised(level, description, message);
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        alerts.received(level, description);
    }

    @Override
    public SrtpKeys exportSrtpKeys() {
        return srtpKeys;
    }

    @Override
    public CiphertextShape ciphertextShape() {
        return CiphertextShape.of(context.getSecurityParametersConnection());
    }

    @Override
    public boolean peerVerified() {
        return verifier.verified();
    }

    @Override
    public boolean closeNotifyReceived() {
        return alerts.closeNotifyReceived();
    }

    @Override
    public String lastAlert() {
        return alerts.lastAlert();
    }
}
