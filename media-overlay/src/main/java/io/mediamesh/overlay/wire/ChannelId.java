package io.mediamesh.overlay.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A pub-sub channel: one published track. The id is the first 8 bytes (big-endian) of
 * SHA-256(room, 0x00, peer, 0x00, track), so every node derives the same id from the same names without
 * coordination. Compute it once per track; the hot path only handles the {@code long}.
 */
public record ChannelId(long value) {

    public static ChannelId of(String room, String peer, String track) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        // A zero byte cannot occur in the UTF-8 of a normal name, so ("ab","c") and ("a","bc") differ.
        sha256.update(room.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(peer.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(track.getBytes(StandardCharsets.UTF_8));
        byte[] digest = sha256.digest();
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (digest[i] & 0xFF);
        }
        return new ChannelId(value);
    }

    @Override
    public String toString() {
        return String.format("ch-%016x", value);
    }
}
