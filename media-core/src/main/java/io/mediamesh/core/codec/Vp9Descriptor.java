package io.mediamesh.core.codec;

import io.netty.buffer.ByteBuf;

/**
 * A reusable flyweight over the VP9 payload descriptor (RFC 9628 §4.2, formerly draft-ietf-payload-vp9), flexible
 * and non-flexible mode, with the scalability structure (§4.2.1) when present: what layer selection, switching and
 * picture-id rewriting need. {@link #parse} reads without allocating (the SS resolutions go into fixed arrays of
 * {@value #MAX_SPATIAL} entries); {@link #writePictureId} and {@link #writeTl0PicIdx} rewrite in place. Not
 * thread-safe: one per stream.
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |I|P|L|F|B|E|V|Z| (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PICTURE ID  | (7 or 15 bits)
 * M:   | EXTENDED PID  |
 *      +-+-+-+-+-+-+-+-+
 * L:   |  TID  |U| SID |D|
 *      +-+-+-+-+-+-+-+-+
 *      |   TL0PICIDX   | (non-flexible mode only)
 *      +-+-+-+-+-+-+-+-+
 * P,F: | P_DIFF      |N| (flexible mode, inter-picture predicted: up to 3)
 *      +-+-+-+-+-+-+-+-+
 * V:   | SS            | N_S|Y|G, then (N_S+1) x WIDTH/HEIGHT if Y, then N_G and the picture group if G
 * </pre>
 */
public final class Vp9Descriptor {
    /** Spatial layers whose resolution the SS can carry (N_S is 3 bits). */
    public static final int MAX_SPATIAL = 8;

    private final int[] widths = new int[MAX_SPATIAL];
    private final int[] heights = new int[MAX_SPATIAL];
    private boolean interPicture;
    private boolean flexible;
    private boolean beginningOfFrame;
    private boolean endOfFrame;
    private boolean notReferenceForUpperSpatial;
    private boolean layerIndices;
    private int pictureId;
    private int pictureIdBits;
    private int pictureIdOffset;
    private int temporalId;
    private boolean switchingUp;
    private int spatialId;
    private boolean interLayerDependent;
    private int tl0PicIdx;
    private int tl0PicIdxOffset;
    private int referenceCount;
    private int spatialLayers;
    private boolean resolutions;
    private int length;

    /**
     * Parses the descriptor at {@code [offset, offset + payloadLength)} of {@code buf}.
     *
     * @param buf borrowed; not moved
     * @return whether it is a well-formed descriptor (the accessors are meaningful only then)
     */
    public boolean parse(ByteBuf buf, int offset, int payloadLength) {
        pictureId = -1;
        pictureIdBits = 0;
        pictureIdOffset = -1;
        temporalId = 0;
        spatialId = 0;
        switchingUp = false;
        interLayerDependent = false;
        tl0PicIdx = -1;
        tl0PicIdxOffset = -1;
        referenceCount = 0;
        spatialLayers = 0;
        resolutions = false;
        if (payloadLength < 1) {
            return false;
        }
        int end = offset + payloadLength;
        int at = offset;
        int first = buf.getUnsignedByte(at++);
        boolean hasPictureId = (first & 0x80) != 0;
        interPicture = (first & 0x40) != 0;
        layerIndices = (first & 0x20) != 0;
        flexible = (first & 0x10) != 0;
        beginningOfFrame = (first & 0x08) != 0;
        endOfFrame = (first & 0x04) != 0;
        boolean scalabilityStructure = (first & 0x02) != 0;
        notReferenceForUpperSpatial = (first & 0x01) != 0;
        if (hasPictureId) {
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
        if (layerIndices) {
            if (at >= end) {
                return false;
            }
            int layer = buf.getUnsignedByte(at++);
            temporalId = layer >> 5;
            switchingUp = (layer & 0x10) != 0;
            spatialId = (layer >> 1) & 0x07;
            interLayerDependent = (layer & 0x01) != 0;
            if (!flexible) {
                if (at >= end) {
                    return false;
                }
                tl0PicIdxOffset = at;
                tl0PicIdx = buf.getUnsignedByte(at++);
            }
        }
        if (flexible && interPicture) {
            boolean more = true;
            while (more) {
                if (at >= end || referenceCount == 3) {
                    return false;
                }
                more = (buf.getUnsignedByte(at++) & 0x01) != 0;
                referenceCount++;
            }
        }
        if (scalabilityStructure) {
            at = parseScalabilityStructure(buf, at, end);
            if (at < 0) {
                return false;
            }
        }
        length = at - offset;
        return true;
    }

    private int parseScalabilityStructure(ByteBuf buf, int at, int end) {
        if (at >= end) {
            return -1;
        }
        int header = buf.getUnsignedByte(at++);
        spatialLayers = (header >> 5) + 1;
        resolutions = (header & 0x10) != 0;
        boolean pictureGroup = (header & 0x08) != 0;
        if (resolutions) {
            if (at + 4 * spatialLayers > end) {
                return -1;
            }
            for (int i = 0; i < spatialLayers; i++) {
                widths[i] = buf.getUnsignedShort(at);
                heights[i] = buf.getUnsignedShort(at + 2);
                at += 4;
            }
        }
        if (pictureGroup) {
            if (at >= end) {
                return -1;
            }
            int pictures = buf.getUnsignedByte(at++);
            for (int i = 0; i < pictures; i++) {
                if (at >= end) {
                    return -1;
                }
                int references = (buf.getUnsignedByte(at++) >> 2) & 0x03;
                at += references;
                if (at > end) {
                    return -1;
                }
            }
        }
        return at;
    }

    /** Rewrites the picture id in place, keeping its 7- or 15-bit form (the value wraps accordingly). */
    public void writePictureId(ByteBuf buf, int id) {
        if (pictureIdBits == 15) {
            buf.setShort(pictureIdOffset, 0x8000 | (id & 0x7FFF));
        } else if (pictureIdBits == 7) {
            buf.setByte(pictureIdOffset, id & 0x7F);
        }
    }

    /** Rewrites TL0PICIDX in place (non-flexible mode with layer indices only). */
    public void writeTl0PicIdx(ByteBuf buf, int value) {
        if (tl0PicIdxOffset >= 0) {
            buf.setByte(tl0PicIdxOffset, value & 0xFF);
        }
    }

    /** P bit: the frame is predicted from an earlier picture. */
    public boolean interPicture() {
        return interPicture;
    }

    /** F bit: flexible mode (references in each packet, no TL0PICIDX). */
    public boolean flexible() {
        return flexible;
    }

    /** B bit: the packet starts a layer frame. */
    public boolean beginningOfFrame() {
        return beginningOfFrame;
    }

    /** E bit: the packet ends a layer frame. */
    public boolean endOfFrame() {
        return endOfFrame;
    }

    /** Z bit: no higher spatial layer of this picture depends on this frame. */
    public boolean notReferenceForUpperSpatial() {
        return notReferenceForUpperSpatial;
    }

    /** Whether the L byte was present; without it temporal and spatial id are 0. */
    public boolean hasLayerIndices() {
        return layerIndices;
    }

    /** The picture id, or -1 when absent. */
    public int pictureId() {
        return pictureId;
    }

    /** 7 or 15, or 0 when absent. */
    public int pictureIdBits() {
        return pictureIdBits;
    }

    public int temporalId() {
        return temporalId;
    }

    /** U bit: a switching-up point, a receiver may move up to this temporal layer here. */
    public boolean switchingUp() {
        return switchingUp;
    }

    public int spatialId() {
        return spatialId;
    }

    /** D bit: this layer frame depends on the lower spatial layer of the same picture. */
    public boolean interLayerDependent() {
        return interLayerDependent;
    }

    /** TL0PICIDX, or -1 when absent. */
    public int tl0PicIdx() {
        return tl0PicIdx;
    }

    /** Number of P_DIFF references (flexible mode). */
    public int referenceCount() {
        return referenceCount;
    }

    /** Spatial layers the SS announces, 0 when the packet carries no SS. */
    public int spatialLayers() {
        return spatialLayers;
    }

    /** Whether the SS carried resolutions. */
    public boolean hasResolutions() {
        return resolutions;
    }

    /** Width of spatial layer {@code index} from the SS (valid when {@link #hasResolutions()}). */
    public int width(int index) {
        return widths[index];
    }

    public int height(int index) {
        return heights[index];
    }

    /** Bytes of the descriptor; the VP9 payload follows. */
    public int length() {
        return length;
    }

    /** The first packet of a key picture: not inter-predicted, start of a frame, spatial layer 0. */
    public boolean keyframe() {
        return !interPicture && beginningOfFrame && spatialId == 0;
    }

    /**
     * The first packet of an intra layer frame: a receiver switching to this spatial layer may start here when it
     * also has the lower layers this frame depends on ({@link #interLayerDependent()}) from the same picture.
     */
    public boolean layerStart() {
        return !interPicture && beginningOfFrame;
    }
}
