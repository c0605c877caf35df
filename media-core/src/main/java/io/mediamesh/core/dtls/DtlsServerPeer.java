package io.mediamesh.core.dtls;

import io.mediamesh.core.srtp.SrtpKeys;
import io.mediamesh.core.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Our DTLS 1.2 server (a=setup:passive): ECDHE-ECDSA, mandatory client certificate checked against the SDP
 * fingerprint, use_srtp (RFC 5764 §4.1) with our preferred profile, and extended master secret (RFC 7627).
 * Bouncy Castle calls it on the handshake thread only.
 */
final class DtlsServerPeer extends DefaultTlsServer implements DtlsPeerState {
    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final RemoteFingerprintVerifier verifier;
    private final int handshakeTimeoutMillis;
    private final AlertLog alerts = new AlertLog();
    private SrtpProfile srtpProfile;
    private volatile SrtpKeys srtpKeys;

    DtlsServerPeer(BcTlsCrypto crypto, DtlsCertificate certificate, RemoteFingerprintVerifier verifier,
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
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return DtlsParameters.signer(new TlsCryptoParameters(context), crypto, certificate);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    /** WebRTC needs the client's certificate: its fingerprint is what authenticates the peer. */
    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        verifier.verify(clientCertificate);
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        srtpProfile = DtlsParameters.selectSrtpProfile(TlsSRTPUtils.getUseSRTPExtension(clientExtensions));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions,
                new UseSRTPData(new int[] {srtpProfile.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        if (!verifier.verified()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "client certificate was not verified");
        }
        // BC only allows the exporter from inside this callback (RFC 5705 keying material, RFC 5764 §4.2).
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                srtpProfile.keyingMaterialLength());
        srtpKeys = SrtpKeys.fromExporter(srtpProfile, material, true);
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
