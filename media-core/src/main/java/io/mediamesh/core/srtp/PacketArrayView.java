package io.mediamesh.core.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * The reusable adapter through which jitsi-srtp sees one packet: a window ({@code offset}, {@code length}) over
 * a byte array with a fixed upper bound ({@code limit}) that the packet may grow into.
 *
 * <p>{@link SrtpSession} points it either at the backing array of a heap {@code ByteBuf} (no copy) or at its
 * scratch array (direct buffers). The view never allocates: growing past {@code limit} is refused with an
 * {@link IllegalStateException}, because the session checks the room it needs before each transform.
 */
final class PacketArrayView implements ByteArrayBuffer {
    private byte[] array;
    private int offset;
    private int length;
    private int limit;

    /** Points the view at {@code array[offset, offset + length)}, allowing growth up to {@code limit}. */
    void reset(byte[] array, int offset, int length, int limit) {
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.limit = limit;
    }

    /** Drops the reference to the last packet's array so the view does not keep a buffer alive. */
    void clear() {
        this.array = null;
        this.offset = 0;
        this.length = 0;
        this.limit = 0;
    }

    @Override
    public byte[] getBuffer() {
        return array;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int newLength) {
        if (newLength < 0 || offset + newLength > limit) {
            throw new IllegalStateException("length " + newLength + " outside the packet window");
        }
        length = newLength;
    }

    @Override
    public void setOffset(int newOffset) {
        if (newOffset < 0 || newOffset + length > limit) {
            throw new IllegalStateException("offset " + newOffset + " outside the packet window");
        }
        offset = newOffset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        if (off < 0 || len < 0 || off + len > length || len > out.length) {
            throw new IllegalStateException("region " + off + "+" + len + " outside the packet");
        }
        System.arraycopy(array, offset + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (howMuch < 0 || offset + length + howMuch > limit) {
            throw new IllegalStateException("no room to grow the packet by " + howMuch + " bytes");
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, array, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        if (len <= 0) {
            return;
        }
        length = len >= length ? 0 : length - len;
    }
}
