package io.mediamesh.overlay.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.collection.IntObjectHashMap;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Authenticates and decrypts incoming frames (AES-128-GCM, header as additional data) and keeps one
 * {@link ReplayWindow} per sender. A flyweight: after {@link OpenResult#OK} the header fields and the decrypted
 * {@link #body()} stay valid until the next {@link #open}. One instance per engine; not thread-safe.
 *
 * <p>Allocation: the plaintext goes into a reused scratch buffer, and a direct (no array) frame is first copied
 * into a reused scratch array. JCE forces one {@link GCMParameterSpec} (with a cloned nonce) per frame, and on
 * decryption SunJCE's GCM buffers the ciphertext internally until the tag has been verified. A failed tag costs an
 * {@link AEADBadTagException}; that path is not the data path.
 */
public final class FrameOpener {
    private final Cipher cipher;
    private final SecretKey key;
    private final byte[] nonce = new byte[12];
    private final byte[] input = new byte[65_536];
    private final ByteBuf body = Unpooled.wrappedBuffer(new byte[65_536]);
    private final IntObjectHashMap<ReplayWindow> windows = new IntObjectHashMap<>();
    private int type;
    private int sender;
    private long counter;

    public FrameOpener(SecretKey key) {
        this.key = key;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide AES/GCM/NoPadding", e);
        }
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
        int plainLength;
        try {
            FrameSealer.writeNonce(nonce, frameSender, frameCounter);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(FrameHeader.TAG_LENGTH * 8, nonce));
            cipher.updateAAD(array, offset, FrameHeader.LENGTH);
            plainLength = cipher.doFinal(array, offset + FrameHeader.LENGTH, length - FrameHeader.LENGTH,
                    body.array(), body.arrayOffset());
        } catch (AEADBadTagException e) {
            return OpenResult.UNAUTHENTICATED;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
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
