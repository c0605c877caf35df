package io.mediamesh.overlay.wire;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;

/**
 * The clear-text header of every overlay frame. The tag covers it, so any change to it fails authentication; the
 * AES-CTR counter blocks start with {@code sender || counter} (see {@link FrameCipher}). Version 2 = AES-128-CTR with
 * HMAC-SHA256/128 (version 1 was AES-128-GCM; the two never interoperate).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  version = 2  |     type      |        reserved = 0           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 sender NodeId (zone:24 | index:8)             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  counter (64 bits, per sender)                |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            encrypted body (frame type specific) ...           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        HMAC-SHA256 tag over header || body, 16 bytes          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record FrameHeader(int version, int type, NodeId sender, long counter) {
    public static final int VERSION = 2;
    public static final int LENGTH = 16;
    public static final int TAG_LENGTH = 16;

    public FrameHeader {
        if (version < 0 || version > 0xFF || type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("version and type are bytes");
        }
    }

    /**
     * Decodes and validates the header (version, known type, non-zero sender, room for the tag).
     *
     * @param frame borrows; reads without moving its reader index
     */
    public static FrameHeader decode(ByteBuf frame) {
        int at = frame.readerIndex();
        if (frame.readableBytes() < LENGTH + TAG_LENGTH) {
            throw new MalformedPacketException("overlay frame too short: " + frame.readableBytes() + " bytes");
        }
        int version = frame.getUnsignedByte(at);
        if (version != VERSION) {
            throw new MalformedPacketException("unsupported overlay version " + version);
        }
        int type = frame.getUnsignedByte(at + 1);
        if (!FrameType.isKnown(type)) {
            throw new MalformedPacketException("unknown overlay frame type " + type);
        }
        if (frame.getUnsignedShort(at + 2) != 0) {
            throw new MalformedPacketException("reserved header bits are not zero");
        }
        int sender = frame.getInt(at + 4);
        if (sender == NodeId.NONE) {
            throw new MalformedPacketException("sender node id 0 is reserved");
        }
        return new FrameHeader(version, type, new NodeId(sender), frame.getLong(at + 8));
    }

    /** Writes the 16 header bytes. */
    public static void write(ByteBuf out, int type, int sender, long counter) {
        out.writeByte(VERSION);
        out.writeByte(type);
        out.writeShort(0);
        out.writeInt(sender);
        out.writeLong(counter);
    }

    public void encode(ByteBuf out) {
        write(out, type, sender.value(), counter);
    }
}
