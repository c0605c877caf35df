package io.mediamesh.core.sdp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Our side of the single bundled transport: ICE-lite credentials (RFC 8839 §5.4), the SHA-256
 * fingerprint of our DTLS certificate as colon-separated upper-case hex (RFC 8122 §5), and the host
 * candidates we listen on. Every address must be resolved (an IP literal), because it is written into
 * {@code a=candidate} lines.
 */
public record LocalTransport(String iceUfrag, String icePwd, String fingerprintSha256,
                             List<InetSocketAddress> candidates) {

    public LocalTransport {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        Objects.requireNonNull(fingerprintSha256, "fingerprintSha256");
        candidates = List.copyOf(candidates);
        // RFC 8839 §5.4: ufrag is 4..256 ice-chars, pwd is 22..256 ice-chars.
        if (iceUfrag.length() < 4 || !isIceChars(iceUfrag)) {
            throw new IllegalArgumentException("iceUfrag must be at least 4 ice-chars: " + iceUfrag);
        }
        if (icePwd.length() < 22 || !isIceChars(icePwd)) {
            throw new IllegalArgumentException("icePwd must be at least 22 ice-chars");
        }
        if (!fingerprintSha256.matches("([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}")) {
            throw new IllegalArgumentException("fingerprintSha256 must be 32 colon-separated hex bytes: "
                    + fingerprintSha256);
        }
        for (InetSocketAddress a : candidates) {
            if (a.isUnresolved()) {
                throw new IllegalArgumentException("candidate address must be an IP literal: " + a);
            }
        }
    }

    private static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '+' && c != '/') {
                return false;
            }
        }
        return true;
    }
}
