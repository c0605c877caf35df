package io.mediamesh.core.sdp;

import io.mediamesh.proto.sdp.Fingerprint;
import io.mediamesh.proto.sdp.MediaDescription;
import io.mediamesh.proto.sdp.SessionDescription;
import java.util.List;
import java.util.Locale;

/**
 * Reads the client's ICE and DTLS parameters from the offer's BUNDLE-tagged m-line (RFC 8843
 * §7.2.1), falling back to session level, and checks that they fit an ICE-lite passive answerer.
 */
final class TransportReader {

    private TransportReader() {
    }

    static RemoteTransport read(SessionDescription offer, MediaDescription tagged) {
        String ufrag = offer.iceUfrag(tagged).orElseThrow(() -> new NegotiationException("offer has no ice-ufrag"));
        String pwd = offer.icePwd(tagged).orElseThrow(() -> new NegotiationException("offer has no ice-pwd"));
        List<Fingerprint> fingerprints = offer.fingerprints(tagged);
        if (fingerprints.isEmpty()) {
            throw new NegotiationException("offer has no a=fingerprint (DTLS-SRTP needs the certificate fingerprint, RFC 8122)");
        }
        // RFC 8122 §5 allows several fingerprints; prefer SHA-256, which every WebRTC client sends.
        Fingerprint fingerprint = fingerprints.stream().filter(f -> f.hashFunction().equals("sha-256")).findFirst()
                .orElse(fingerprints.get(0));
        // RFC 4145 §4: a missing a=setup means "active".
        String setup = offer.setup(tagged).orElse("active").toLowerCase(Locale.ROOT);
        switch (setup) {
            case "actpass", "active" -> {
                // We answer passive: the client becomes the DTLS client (RFC 8842 §5.3).
            }
            case "passive" -> throw new NegotiationException("offer has a=setup:passive, but this server is always "
                    + "the DTLS server (a=setup:passive); offer a=setup:actpass or active");
            default -> throw new NegotiationException("offer has unsupported a=setup:" + setup
                    + " (expected actpass or active)");
        }
        return new RemoteTransport(ufrag, pwd, fingerprint.hashFunction(), fingerprint.value(), setup);
    }
}
