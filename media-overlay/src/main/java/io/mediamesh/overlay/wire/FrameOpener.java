package io.mediamesh.overlay.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.collection.IntObjectHashMap;

/**
 * Authenticates and decrypts incoming frames ({@link FrameCipher}: the HMAC-SHA256/128 tag over header and
 * ciphertext is checked first, in constant time, then the AES-128-CTR body is decrypted) and keeps one
 * {@link ReplayWindow} per sender. A flyweight: after {@link OpenResult#OK} the header fields and the decrypted
 * {@link #body()} stay valid until the next {@link #open}. One instance per engine; not thread-safe.
 *
 * <p>Allocation: about 110 bytes of JCE counter-mode re-initialisation per frame (see {@link FrameCipher}); nothing
 * for a frame that fails authentication. The plaintext goes into a reused scratch buffer, and a direct (no array)
 * frame is first copied into a reused scratch array; a replay window is created once per new sender.
 */
public final class FrameOpener {
    private final FrameCipher cipher;
    private final byte[] input = new byte[65_536];
    private final ByteBuf body = Unpooled.wrappedBuffer(new byte[65_536]);
    private final IntObjectHashMap<ReplayWindow> windows = new IntObjectHashMap<>();
    private int type;
    private int sender;
    private long counter;

    public FrameOpener(FrameKeys keys) {
        this.cipher = new FrameCipher(keys);
    }

    /**
     * Checks, authenticates and decrypts one frame.
     *
     * @param frame borrows; its indexes are not changed
     */
    public OpenResult open(ByteBuf frame) {
        int length = frame.readableBytes();
        int at = frame.readerIndex();
        if (length < FrameHeader.LENGTH + FrameHeader.TAG_LENGTH || length > input.length
                || frame.getUnsignedByte(at) != FrameHeader.VERSION
                || !FrameType.isKnown(frame.getUnsignedByte(at + 1))
                || frame.getUnsignedShort(at + 2) != 0
                || frame.getInt(at + 4) == NodeId.NONE) {
            return OpenResult.MALFORMED;
        }
        int frameType = frame.getUnsignedByte(at + 1);
        int frameSender = frame.getInt(at + 4);
        long frameCounter = frame.getLong(at + 8);
        ReplayWindow window = windows.get(frameSender);
        if (window != null && !window.mayAccept(frameCounter)) {
            return OpenResult.REPLAYED;
        }
        byte[] array;
        int offset;
        if (frame.hasArray()) {
            array = frame.array();
            offset = frame.arrayOffset() + at;
        } else {
            frame.getBytes(at, input, 0, length);
            array = input;
            offset = 0;
        }
        int authenticated = length - FrameHeader.TAG_LENGTH;
        if (!cipher.verify(array, offset, authenticated, array, offset + authenticated)) {
            return OpenResult.UNAUTHENTICATED;
        }
        int plainLength = authenticated - FrameHeader.LENGTH;
        cipher.crypt(frameSender, frameCounter, array, offset + FrameHeader.LENGTH, body.array(), body.arrayOffset(),
                plainLength);
        if (window == null) {
            window = new ReplayWindow();
            windows.put(frameSender, window);
        }
        window.accept(frameCounter);
        type = frameType;
        sender = frameSender;
        counter = frameCounter;
        body.setIndex(0, plainLength);
        return OpenResult.OK;
    }

    /** The decrypted body of the last opened frame; reused by the next {@link #open}. */
    public ByteBuf body() {
        return body;
    }

    public int type() {
        return type;
    }

    public int sender() {
        return sender;
    }

    public long counter() {
        return counter;
    }
}
