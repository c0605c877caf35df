package io.mediamesh.overlay.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the cluster's frame keys with HKDF-SHA256 (<a href="https://www.rfc-editor.org/rfc/rfc5869">RFC 5869</a>)
 * of the cluster secret, no salt, info {@value #LABEL}: the first 16 output bytes are the AES-128 key, the next 32
 * the HMAC-SHA256 key. Every node holding the same secret gets the same keys; per-frame uniqueness comes from the
 * counter block (sender id and frame counter).
 */
public final class OverlayKeys {
    public static final String LABEL = "mediamesh-overlay-v2 aes128-ctr hmac-sha256";
    private static final String HMAC = "HmacSHA256";

    private OverlayKeys() {
    }

    /** The frame keys for {@code clusterSecret} (at least 16 bytes of secret material). */
    public static FrameKeys frameKeys(byte[] clusterSecret) {
        if (clusterSecret.length < 16) {
            throw new IllegalArgumentException("cluster secret must have at least 16 bytes");
        }
        byte[] okm = hkdfSha256(new byte[0], clusterSecret, LABEL.getBytes(StandardCharsets.US_ASCII), 48);
        return new FrameKeys(Arrays.copyOfRange(okm, 0, 16), Arrays.copyOfRange(okm, 16, 48));
    }

    /** HKDF-Extract then HKDF-Expand with HMAC-SHA256 (RFC 5869 §2); an empty salt means 32 zero bytes. */
    public static byte[] hkdfSha256(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
        if (length < 1 || length > 255 * 32) {
            throw new IllegalArgumentException("HKDF-SHA256 output length must be 1..8160: " + length);
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, HMAC));
            byte[] pseudoRandomKey = mac.doFinal(inputKeyMaterial);
            mac.init(new SecretKeySpec(pseudoRandomKey, HMAC));
            byte[] output = new byte[length];
            byte[] block = new byte[0];
            for (int filled = 0, counter = 1; filled < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - filled);
                System.arraycopy(block, 0, output, filled, n);
                filled += n;
            }
            return output;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
        }
    }
}
