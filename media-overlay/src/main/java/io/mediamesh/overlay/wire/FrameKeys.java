package io.mediamesh.overlay.wire;

import java.util.Arrays;

/**
 * The two keys that protect overlay frames, both derived from the cluster secret by {@link OverlayKeys}: the AES-128
 * key of the CTR keystream and the HMAC-SHA256 key of the tag. Every node holding the same secret derives the same
 * pair.
 *
 * @param encryption 16 bytes
 * @param authentication 32 bytes
 */
public record FrameKeys(byte[] encryption, byte[] authentication) {
    public FrameKeys {
        if (encryption.length != 16 || authentication.length != 32) {
            throw new IllegalArgumentException("frame keys are 16 bytes (AES-128) and 32 bytes (HMAC-SHA256)");
        }
        encryption = encryption.clone();
        authentication = authentication.clone();
    }

    @Override
    public byte[] encryption() {
        return encryption.clone();
    }

    @Override
    public byte[] authentication() {
        return authentication.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FrameKeys keys && Arrays.equals(encryption, keys.encryption)
                && Arrays.equals(authentication, keys.authentication);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(encryption) + Arrays.hashCode(authentication);
    }

    @Override
    public String toString() {
        return "FrameKeys[redacted]";
    }
}
