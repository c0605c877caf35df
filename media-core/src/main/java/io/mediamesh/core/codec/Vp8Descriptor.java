package io.mediamesh.core.codec;

import io.netty.buffer.ByteBuf;

/**
 * A reusable flyweight over the VP8 payload descriptor (RFC 7741 §4.2) and the first byte of the VP8 payload header
 * (§4.3): what layer selection and picture-id rewriting need. {@link #parse} reads without allocating; the
 * {@code write*} methods rewrite fields in place so a receiver switched between simulcast encodings sees one
 * continuous picture-id and TL0PICIDX line. Not thread-safe: one per stream.
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL, 7 or 15 bits)
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Vp8Descriptor {
    private boolean valid;
    private boolean startOfPartition;
    private int partitionId;
    private int pictureId;
    private int pictureIdBits;
    private int pictureIdOffset;
    private int tl0PicIdx;
    private int tl0PicIdxOffset;
    private int temporalId;
    private boolean layerSync;
    private int keyIndex;
    private int length;
    private boolean keyframe;

    /**
     * Parses the descriptor at {@code [offset, offset + payloadLength)} of {@code buf}.
     *
     * @param buf borrowed; not moved
     * @return whether it is a well-formed descriptor (the accessors are meaningful only then)
     */
    public boolean parse(ByteBuf buf, int offset, int payloadLength) {
        valid = false;
        pictureId = -1;
        pictureIdBits = 0;
        pictureIdOffset = -1;
        tl0PicIdx = -1;
        tl0PicIdxOffset = -1;
        temporalId = -1;
        layerSync = false;
        keyIndex = -1;
        keyframe = false;
        if (payloadLength < 1) {
            return false;
        }
        int end = offset + payloadLength;
        int at = offset;
        int first = buf.getUnsignedByte(at++);
        startOfPartition = (first & 0x10) != 0;
        partitionId = first & 0x07;
        if ((first & 0x80) != 0) {
            if (at >= end) {
                return false;
            }
            int extension = buf.getUnsignedByte(at++);
            if ((extension & 0x80) != 0) {
                if (at >= end) {
                    return false;
                }
                pictureIdOffset = at;
                int high = buf.getUnsignedByte(at++);
                if ((high & 0x80) != 0) {
                    if (at >= end) {
                        return false;
                    }
                    pictureId = (high & 0x7F) << 8 | buf.getUnsignedByte(at++);
                    pictureIdBits = 15;
                } else {
                    pictureId = high;
                    pictureIdBits = 7;
                }
            }
            if ((extension & 0x40) != 0) {
                if (at >= end) {
                    return false;
                }
                tl0PicIdxOffset = at;
                tl0PicIdx = buf.getUnsignedByte(at++);
            }
            if ((extension & 0x30) != 0) {
                if (at >= end) {
                    return false;
                }
                int tk = buf.getUnsignedByte(at++);
                if ((extension & 0x20) != 0) {
                    temporalId = tk >> 6;
                    layerSync = (tk & 0x20) != 0;
                }
                if ((extension & 0x10) != 0) {
                    keyIndex = tk & 0x1F;
                }
            }
        }
        length = at - offset;
        if (startOfPartition && partitionId == 0 && at < end) {
            keyframe = (buf.getUnsignedByte(at) & 0x01) == 0;
        }
        valid = true;
        return true;
    }

    /** Rewrites the picture id in place, keeping its 7- or 15-bit form (the value wraps accordingly). */
    public void writePictureId(ByteBuf buf, int id) {
        if (pictureIdBits == 15) {
            buf.setShort(pictureIdOffset, 0x8000 | (id & 0x7FFF));
        } else if (pictureIdBits == 7) {
            buf.setByte(pictureIdOffset, id & 0x7F);
        }
    }

    /** Rewrites TL0PICIDX in place (when present). */
    public void writeTl0PicIdx(ByteBuf buf, int value) {
        if (tl0PicIdxOffset >= 0) {
            buf.setByte(tl0PicIdxOffset, value & 0xFF);
        }
    }

    public boolean valid() {
        return valid;
    }

    /** S bit: the packet starts a VP8 partition. */
    public boolean startOfPartition() {
        return startOfPartition;
    }

    public int partitionId() {
        return partitionId;
    }

    /** The picture id, or -1 when absent. */
    public int pictureId() {
        return pictureId;
    }

    /** 7 or 15, or 0 when absent. */
    public int pictureIdBits() {
        return pictureIdBits;
    }

    /** TL0PICIDX, or -1 when absent. */
    public int tl0PicIdx() {
        return tl0PicIdx;
    }

    /** The temporal layer (TID), or -1 when absent. */
    public int temporalId() {
        return temporalId;
    }

    /** Y bit: this frame depends only on base-layer frames, so a receiver may switch up to its layer here. */
    public boolean layerSync() {
        return layerSync;
    }

    public int keyIndex() {
        return keyIndex;
    }

    /** Bytes of the descriptor; the VP8 payload header follows. */
    public int length() {
        return length;
    }

    /** The first packet of a key frame (start of partition 0 with the P bit clear). */
    public boolean keyframe() {
        return keyframe;
    }
}
