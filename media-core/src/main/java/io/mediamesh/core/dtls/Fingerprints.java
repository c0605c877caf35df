package io.mediamesh.core.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Certificate fingerprints as SDP carries them (RFC 8122 §5: hash-func SP hex pairs separated by ':'). */
final class Fingerprints {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Fingerprints() {
    }

    /**
     * Hashes {@code der} with the SDP-named hash function.
     *
     * @throws IllegalArgumentException for a hash function RFC 8122 does not list or the JDK lacks
     */
    static byte[] digest(String hashFunction, byte[] der) {
        String algorithm = switch (hashFunction.toLowerCase(Locale.ROOT)) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported fingerprint hash function: " + hashFunction);
        };
        try {
            return MessageDigest.getInstance(algorithm).digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("hash function unavailable: " + hashFunction, e);
        }
    }

    /** Upper-case hex pairs joined by ':'. */
    static String format(byte[] digest) {
        StringBuilder text = new StringBuilder(digest.length * 3);
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                text.append(':');
            }
            text.append(HEX[(digest[i] >> 4) & 0x0F]).append(HEX[digest[i] & 0x0F]);
        }
        return text.toString();
    }

    /** Compares an SDP fingerprint with a digest, ignoring case (SDP allows either) and surrounding space. */
    static boolean matches(String sdpFingerprint, byte[] digest) {
        return format(digest).equalsIgnoreCase(sdpFingerprint.trim());
    }
}
