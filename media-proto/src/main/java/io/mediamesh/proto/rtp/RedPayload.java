package io.mediamesh.proto.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The payload of an RTP packet in the RED format (RFC 2198, used by browsers for Opus redundancy): block headers,
 * then the blocks. Each redundant block has a 4-byte header (F = 1, block payload type, timestamp offset, block
 * length); the last header is one byte (F = 0, the primary block's payload type), and the primary block is
 * whatever follows the redundant blocks.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |1| block PT    |  timestamp offset         |   block length    |  (per redundant block)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0| block PT    |  redundant blocks ..., then the primary block ...
 * +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Static, allocation-free readers over a buffer region; nothing is copied.
 */
public final class RedPayload {
    /** The most redundant blocks accepted in one packet (browsers send one or two). */
    public static final int MAX_BLOCKS = 8;

    private RedPayload() {
    }

    /**
     * Finds the primary block of the RED payload at {@code offset} (length {@code length}) of {@code buf}.
     *
     * @return {@code primaryPayloadType << 40 | dataOffset << 20 | dataLength} (offset absolute in {@code buf}), or
     *         -1 when the payload is malformed (headers past the end, blocks longer than the payload, too many blocks)
     */
    public static long primary(ByteBuf buf, int offset, int length) {
        int end = offset + length;
        int at = offset;
        int redundantBytes = 0;
        for (int blocks = 0; at < end && blocks <= MAX_BLOCKS; blocks++) {
            int first = buf.getUnsignedByte(at);
            if ((first & 0x80) == 0) {
                return result(first, at + 1 + redundantBytes, end);
            }
            if (at + 4 > end) {
                return -1;
            }
            redundantBytes += buf.getUnsignedShort(at + 2) & 0x3ff;
            at += 4;
        }
        return -1;
    }

    /** {@link #primary(ByteBuf, int, int)} over an array (the SIP bridge's packets). */
    public static long primary(byte[] data, int offset, int length) {
        int end = offset + length;
        int at = offset;
        int redundantBytes = 0;
        for (int blocks = 0; at < end && blocks <= MAX_BLOCKS; blocks++) {
            int first = data[at] & 0xff;
            if ((first & 0x80) == 0) {
                return result(first, at + 1 + redundantBytes, end);
            }
            if (at + 4 > end) {
                return -1;
            }
            redundantBytes += ((data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff) & 0x3ff;
            at += 4;
        }
        return -1;
    }

    private static long result(int finalHeader, int dataOffset, int end) {
        return dataOffset > end ? -1 : (long) (finalHeader & 0x7f) << 40 | (long) dataOffset << 20 | (end - dataOffset);
    }

    /** The primary block's payload type from a {@link #primary} result. */
    public static int payloadType(long primary) {
        return (int) (primary >>> 40) & 0x7f;
    }

    /** The primary block's absolute offset from a {@link #primary} result. */
    public static int dataOffset(long primary) {
        return (int) (primary >>> 20) & 0xfffff;
    }

    /** The primary block's length from a {@link #primary} result. */
    public static int dataLength(long primary) {
        return (int) primary & 0xfffff;
    }

    /**
     * Rewrites, in place, the payload type of every block header of the RED payload at {@code offset}: {@code map}
     * gives the new type of each old one (a negative entry: no mapping).
     *
     * @return false (nothing or part written) when the payload is malformed or a block's type has no mapping
     */
    public static boolean remapBlockTypes(ByteBuf buf, int offset, int length, byte[] map) {
        if (primary(buf, offset, length) < 0) {
            return false;
        }
        int at = offset;
        while (true) {
            int first = buf.getUnsignedByte(at);
            int mapped = map[first & 0x7f];
            if (mapped < 0) {
                return false;
            }
            buf.setByte(at, (first & 0x80) | mapped);
            if ((first & 0x80) == 0) {
                return true;
            }
            at += 4;
        }
    }
}
