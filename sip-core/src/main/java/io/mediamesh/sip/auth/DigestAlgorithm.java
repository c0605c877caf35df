package io.mediamesh.sip.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest algorithms of SIP digest authentication (RFC 8760: MD5 and SHA-256, the latter preferred). */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The {@code algorithm=} token in challenges and credentials. */
    public String token() {
        return token;
    }

    /** The algorithm named by a challenge's or credential's token (case-insensitive); null if unsupported. */
    public static DigestAlgorithm fromToken(String token) {
        if (token == null || token.isEmpty()) {
            return MD5; // RFC 3261: the default when absent
        }
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(token)) {
                return algorithm;
            }
        }
        return null;
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide " + jcaName, e);
        }
    }
}
