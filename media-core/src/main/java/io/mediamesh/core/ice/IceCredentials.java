package io.mediamesh.core.ice;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * An ICE username fragment and password (RFC 8445 §5.3). Local credentials are random: the ufrag routes STUN checks
 * to their session on the shared UDP port, the password keys MESSAGE-INTEGRITY.
 */
public record IceCredentials(String ufrag, String pwd) {
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
    }

    /** Fresh local credentials: a 16-character ufrag and a 32-character password (RFC 8445 asks for 4 and 22). */
    public static IceCredentials random() {
        return new IceCredentials(randomString(16), randomString(32));
    }

    /** The short-term credential key for MESSAGE-INTEGRITY (RFC 8489 §9.2.2). */
    public byte[] integrityKey() {
        return pwd.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomString(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }
}
