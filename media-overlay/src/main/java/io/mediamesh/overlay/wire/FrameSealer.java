package io.mediamesh.overlay.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts outgoing frames of one sender with AES-128-GCM: nonce = sender id (4 bytes) || counter (8 bytes),
 * additional data = the 16-byte {@link FrameHeader}. One instance per engine; not thread-safe.
 *
 * <p>The counter is {@code max(previous + 1, nowMicros)}, so it never repeats within a process and a restarted node
 * (whose {@code nowMicros} comes from a clock that does not go back across restarts, e.g. wall-clock µs) starts
 * above every counter it used before: nonces are never reused under the shared key, and receivers' replay windows
 * accept the restarted node at once.
 *
 * <p>Allocation: the body is written into a reused scratch buffer and encrypted straight into the output frame
 * (a heap buffer from the caller's allocator). The {@link Cipher} is reused, but JCE forces one
 * {@link GCMParameterSpec} (which clones the 12-byte nonce) per frame, because GCM must be re-initialised with a
 * fresh IV for every encryption.
 */
public final class FrameSealer {
    /** Largest body: a UDP payload (65,507 bytes) minus header and tag. */
    public static final int MAX_BODY = 65_507 - FrameHeader.LENGTH - FrameHeader.TAG_LENGTH;

    private final Cipher cipher;
    private final SecretKey key;
    private final int sender;
    private final byte[] nonce = new byte[12];
    private final ByteBuf body = Unpooled.wrappedBuffer(new byte[MAX_BODY]);
    private long counter;

    public FrameSealer(SecretKey key, NodeId sender, long nowMicros) {
        this.key = key;
        this.sender = sender.value();
        this.counter = nowMicros - 1;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide AES/GCM/NoPadding", e);
        }
    }

    /** The cleared scratch body; write one frame body into it, then call {@link #seal(long, int, ByteBufAllocator)}. */
    public ByteBuf body() {
        return body.clear();
    }

    /** Encodes {@code frame} and seals it. The returned frame is owned by the caller. */
    public ByteBuf seal(long nowMicros, OverlayFrame frame, ByteBufAllocator allocator) {
        frame.encode(body());
        return seal(nowMicros, frame.type(), allocator);
    }

    /**
     * Seals the body written into {@link #body()} as a frame of {@code type}.
     *
     * @return a new heap frame (header, ciphertext, tag) that the caller owns
     */
    public ByteBuf seal(long nowMicros, int type, ByteBufAllocator allocator) {
        int length = body.writerIndex();
        counter = Math.max(counter + 1, nowMicros);
        ByteBuf out = allocator.heapBuffer(FrameHeader.LENGTH + length + FrameHeader.TAG_LENGTH);
        try {
            FrameHeader.write(out, type, sender, counter);
            writeNonce(nonce, sender, counter);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(FrameHeader.TAG_LENGTH * 8, nonce));
            byte[] array = out.array();
            int start = out.arrayOffset() + out.readerIndex();
            cipher.updateAAD(array, start, FrameHeader.LENGTH);
            int written = cipher.doFinal(body.array(), body.arrayOffset(), length, array, start + FrameHeader.LENGTH);
            out.writerIndex(out.readerIndex() + FrameHeader.LENGTH + written);
            return out;
        } catch (GeneralSecurityException e) {
            out.release();
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The counter of the last sealed frame. */
    public long counter() {
        return counter;
    }

    static void writeNonce(byte[] nonce, int sender, long counter) {
        nonce[0] = (byte) (sender >>> 24);
        nonce[1] = (byte) (sender >>> 16);
        nonce[2] = (byte) (sender >>> 8);
        nonce[3] = (byte) sender;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
        }
    }
}
