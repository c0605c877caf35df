package io.mediamesh.overlay.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Protects outgoing frames of one sender ({@link FrameCipher}: AES-128-CTR, then HMAC-SHA256/128 over header and
 * ciphertext); the keystream is unique per (sender id, counter). One instance per engine; not thread-safe.
 *
 * <p>The counter is {@code max(previous + 1, nowMicros)}, so it never repeats within a process and a restarted node
 * (whose {@code nowMicros} comes from a clock that does not go back across restarts, e.g. wall-clock µs) starts
 * above every counter it used before: keystreams are never reused under the shared key, and receivers' replay
 * windows accept the restarted node at once.
 *
 * <p>Allocation: the output frame (a heap buffer from the caller's allocator) and about 110 bytes of JCE counter-mode
 * re-initialisation (see {@link FrameCipher}). The body is written into a reused scratch buffer and encrypted
 * straight into the frame.
 */
public final class FrameSealer {
    /** Largest body: a UDP payload (65,507 bytes) minus header and tag. */
    public static final int MAX_BODY = 65_507 - FrameHeader.LENGTH - FrameHeader.TAG_LENGTH;

    private final FrameCipher cipher;
    private final int sender;
    private final ByteBuf body = Unpooled.wrappedBuffer(new byte[MAX_BODY]);
    private long counter;

    public FrameSealer(FrameKeys keys, NodeId sender, long nowMicros) {
        this.cipher = new FrameCipher(keys);
        this.sender = sender.value();
        this.counter = nowMicros - 1;
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
        FrameHeader.write(out, type, sender, counter);
        byte[] array = out.array();
        int start = out.arrayOffset() + out.readerIndex();
        cipher.crypt(sender, counter, body.array(), body.arrayOffset(), array, start + FrameHeader.LENGTH, length);
        cipher.tag(array, start, FrameHeader.LENGTH + length, array, start + FrameHeader.LENGTH + length);
        out.writerIndex(out.readerIndex() + FrameHeader.LENGTH + length + FrameHeader.TAG_LENGTH);
        return out;
    }

    /** The counter of the last sealed frame. */
    public long counter() {
        return counter;
    }
}
