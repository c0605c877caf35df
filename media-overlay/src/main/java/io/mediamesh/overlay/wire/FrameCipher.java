package io.mediamesh.overlay.wire;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The frame protection both {@link FrameSealer} and {@link FrameOpener} use, built from JDK primitives:
 *
 * <ul>
 *   <li>Confidentiality: AES-128-CTR ({@code AES/CTR/NoPadding}, the JDK's counter-mode intrinsic). The initial counter
 *       block is sender id (4 bytes) || frame counter (8 bytes) || 0 (4 bytes). A (sender, counter) pair is never used
 *       twice under one key (see {@link FrameSealer}), and a frame (at most 4,095 blocks) never reaches the next
 *       pair's blocks, so keystreams never repeat.</li>
 *   <li>Integrity: encrypt-then-MAC, HMAC-SHA256 (RFC 2104) over header || ciphertext, truncated to 16 bytes, as SRTP
 *       truncates HMAC-SHA1. HMAC is composed over two reused {@link MessageDigest}s with the padded keys, because
 *       {@code javax.crypto.Mac#doFinal} allocates its result. Tags are compared in constant time, before any
 *       decryption.</li>
 * </ul>
 *
 * <p>Why not AES-GCM: JCE must re-initialise GCM with a new parameter spec for every frame, and SunJCE then builds new
 * GHASH/GCTR engines: about 830 bytes of garbage per frame. Counter mode must be re-initialised too (a new IV per
 * frame), but that costs about 110 bytes (the IV spec and the key copy JCE makes) and 0.15 µs for a 1,200-byte body;
 * the HMAC allocates nothing and costs about 0.9 µs. Not thread-safe: one instance per sealer or opener.
 */
final class FrameCipher {
    static final int BLOCK = 16;
    private static final int HMAC_BLOCK = 64;
    private static final int DIGEST = 32;

    private final Cipher aes;
    private final SecretKeySpec key;
    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] innerPad = new byte[HMAC_BLOCK];
    private final byte[] outerPad = new byte[HMAC_BLOCK];
    private final byte[] iv = new byte[BLOCK];
    private final byte[] digest = new byte[DIGEST];

    FrameCipher(FrameKeys keys) {
        try {
            aes = Cipher.getInstance("AES/CTR/NoPadding");
            key = new SecretKeySpec(keys.encryption(), "AES");
            inner = MessageDigest.getInstance("SHA-256");
            outer = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide AES/CTR/NoPadding and SHA-256", e);
        }
        byte[] macKey = keys.authentication();
        for (int i = 0; i < HMAC_BLOCK; i++) {
            byte k = i < macKey.length ? macKey[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
    }

    /** XORs the keystream of ({@code sender}, {@code counter}) over {@code length} bytes from {@code in} to {@code out}. */
    void crypt(int sender, long counter, byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        if (length == 0) {
            return;
        }
        iv[0] = (byte) (sender >>> 24);
        iv[1] = (byte) (sender >>> 16);
        iv[2] = (byte) (sender >>> 8);
        iv[3] = (byte) sender;
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (counter >>> (56 - 8 * i));
        }
        try {
            aes.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            aes.doFinal(in, inOffset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
    }
    /** Writes the 16-byte tag of {@code data[offset, offset + length)} at {@code out[outOffset]}. */
    void tag(byte[] data, int offset, int length, byte[] out, int outOffset) {
        hmac(data, offset, length);
        System.arraycopy(digest, 0, out, outOffset, FrameHeader.TAG_LENGTH);
    }

    /** Whether {@code tag[tagOffset, +16)} is the tag of {@code data[offset, offset + length)}, in constant time. */
    boolean verify(byte[] data, int offset, int length, byte[] tag, int tagOffset) {
        hmac(data, offset, length);
        int difference = 0;
        for (int i = 0; i < FrameHeader.TAG_LENGTH; i++) {
            difference |= digest[i] ^ tag[tagOffset + i];
        }
        return difference == 0;
    }

    private void hmac(byte[] data, int offset, int length) {
        try {
            inner.update(innerPad);
            inner.update(data, offset, length);
            inner.digest(digest, 0, DIGEST);
            outer.update(outerPad);
            outer.update(digest, 0, DIGEST);
            outer.digest(digest, 0, DIGEST);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 digest buffer is 32 bytes", e);
        }
    }
}
