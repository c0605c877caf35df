package io.mediamesh.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The digest computation of HTTP/SIP digest authentication (RFC 2617 §3.2.2, RFC 7616 §3.4.1, used by SIP per RFC
 * 3261 §22.4 and RFC 8760): {@code response = H(H(A1) ":" nonce ":" [nc ":" cnonce ":" qop ":"] H(A2))} with
 * {@code A1 = username:realm:password} and {@code A2 = method:uri}. Pure; the checking side compares in constant
 * time. Challenges, nonces and their lifetimes belong to the registrar that uses it.
 */
public final class DigestCalculator {
    private DigestCalculator() {
    }

    /** {@code H(username:realm:password)}: what an account store may keep instead of the password. */
    public static String ha1(DigestAlgorithm algorithm, String username, String realm, String password) {
        return hash(algorithm, username + ":" + realm + ":" + password);
    }

    /**
     * The expected {@code response} value.
     *
     * @param qop    "auth", or null for the RFC 2069 form without nc/cnonce
     * @param nc     the nonce count as sent (8 hex digits), with qop
     * @param cnonce the client nonce, with qop
     */
    public static String response(DigestAlgorithm algorithm, String ha1, String nonce, String nc, String cnonce,
            String qop, String method, String uri) {
        String ha2 = hash(algorithm, method + ":" + uri);
        String data = qop == null ? ha1 + ":" + nonce + ":" + ha2
                : ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2;
        return hash(algorithm, data);
    }

    /** Whether {@code received} equals {@code expected}, in time independent of where they differ. */
    public static boolean matches(String expected, String received) {
        if (received == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                received.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hash(DigestAlgorithm algorithm, String text) {
        return HexFormat.of().formatHex(algorithm.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
