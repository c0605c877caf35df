package io.mediamesh.core.sfu.layer;

/**
 * Keeps the VP8 picture id (15 bits) and TL0PICIDX (8 bits) continuous for one receiver across simulcast switches
 * (RFC 7741 §4.2): each encoding numbers its own pictures, so at the switch keyframe the new encoding's numbers are
 * rebased to follow the last ones sent. Between switches the offsets stay fixed, so gaps from dropped temporal
 * layers stay visible to the decoder as they should. Sans-IO, allocation-free, not thread-safe.
 */
public final class Vp8PictureRewriter {
    private static final int PICTURE_ID_MASK = 0x7FFF;

    private boolean started;
    private int pictureIdOffset;
    private int tl0Offset;
    private int lastPictureId = -1;
    private int lastTl0 = -1;
    private int current = -1;
    private int currentTl0 = -1;

    /**
     * Maps one forwarded packet's ids; call {@link #pictureId()} and {@link #tl0PicIdx()} for the values to write.
     *
     * @param sourcePictureId the packet's picture id, or -1 when absent
     * @param sourceTl0PicIdx the packet's TL0PICIDX, or -1 when absent
     * @param rebase          the packet is the keyframe of a switch (the first of a new encoding)
     */
    public void map(int sourcePictureId, int sourceTl0PicIdx, boolean rebase) {
        if (rebase && started) {
            if (sourcePictureId >= 0 && lastPictureId >= 0) {
                pictureIdOffset = (lastPictureId + 1 - sourcePictureId) & PICTURE_ID_MASK;
            }
            if (sourceTl0PicIdx >= 0 && lastTl0 >= 0) {
                tl0Offset = (lastTl0 + 1 - sourceTl0PicIdx) & 0xFF;
            }
        }
        started = true;
        if (sourcePictureId >= 0) {
            int mapped = (sourcePictureId + pictureIdOffset) & PICTURE_ID_MASK;
            if (lastPictureId < 0 || ((mapped - lastPictureId) & PICTURE_ID_MASK) < 0x4000) {
                lastPictureId = mapped;
            }
            current = mapped;
        } else {
            current = -1;
        }
        if (sourceTl0PicIdx >= 0) {
            int mapped = (sourceTl0PicIdx + tl0Offset) & 0xFF;
            if (lastTl0 < 0 || ((mapped - lastTl0) & 0xFF) < 0x80) {
                lastTl0 = mapped;
            }
            currentTl0 = mapped;
        } else {
            currentTl0 = -1;
        }
    }

    /** The picture id to write, -1 when the packet had none. */
    public int pictureId() {
        return current;
    }

    /** The TL0PICIDX to write, -1 when the packet had none. */
    public int tl0PicIdx() {
        return currentTl0;
    }
}
