package io.mediamesh.core.codec;

import io.netty.buffer.ByteBuf;

/**
 * Tells whether an RTP payload starts a keyframe, reading only the payload descriptor (no decoding). Used to switch
 * a receiver to a new source cleanly: nothing from the new source is forwarded before its next keyframe.
 *
 * <ul>
 *   <li>VP8, RFC 7741 §4.2/§4.3: start of partition 0 (S=1, PID=0) and the VP8 payload header's P bit clear.</li>
 *   <li>VP9, draft-ietf-payload-vp9 §4.2: not inter-predicted (P=0), start of a frame (B=1), spatial layer 0.</li>
 *   <li>H264, RFC 6184 §5: an IDR (5) or SPS (7) NAL unit, alone, inside a STAP-A, or as the start of a FU-A.</li>
 * </ul>
 * Stateless and allocation-free; malformed payloads are simply "not a keyframe".
 */
public final class KeyframeDetector {
    private KeyframeDetector() {
    }

    /**
     * @param codec lower-case codec name ("vp8", "vp9", "h264", "opus" ...)
     * @param buf borrows; the payload lies at {@code [offset, offset + length)}
     */
    public static boolean isKeyframe(String codec, ByteBuf buf, int offset, int length) {
        if (length <= 0) {
            return false;
        }
        return switch (codec) {
            case "vp8" -> vp8(buf, offset, length);
            case "vp9" -> vp9(buf, offset, length);
            case "h264" -> h264(buf, offset, length);
            default -> !needsKeyframe(codec);
        };
    }

    /** Whether packets of this codec need a keyframe before a receiver can start decoding them. */
    public static boolean needsKeyframe(String codec) {
        return "vp8".equals(codec) || "vp9".equals(codec) || "h264".equals(codec) || "av1".equals(codec);
    }

    static boolean vp8(ByteBuf buf, int offset, int length) {
        int end = offset + length;
        int b0 = buf.getUnsignedByte(offset);
        boolean start = (b0 & 0x10) != 0;
        int partition = b0 & 0x07;
        if (!start || partition != 0) {
            return false;
        }
        int pos = offset + 1;
        if ((b0 & 0x80) != 0) {
            if (pos >= end) {
                return false;
            }
            int x = buf.getUnsignedByte(pos++);
            if ((x & 0x80) != 0) {
                if (pos >= end) {
                    return false;
                }
                pos += (buf.getUnsignedByte(pos) & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                pos++;
            }
            if ((x & 0x30) != 0) {
                pos++;
            }
        }
        return pos < end && (buf.getUnsignedByte(pos) & 0x01) == 0;
    }

    static boolean vp9(ByteBuf buf, int offset, int length) {
        int end = offset + length;
        int b0 = buf.getUnsignedByte(offset);
        boolean interPicture = (b0 & 0x40) != 0;
        boolean layered = (b0 & 0x20) != 0;
        boolean beginning = (b0 & 0x08) != 0;
        if (interPicture || !beginning) {
            return false;
        }
        if (!layered) {
            return true;
        }
        int pos = offset + 1;
        if ((b0 & 0x80) != 0) {
            if (pos >= end) {
                return false;
            }
            pos += (buf.getUnsignedByte(pos) & 0x80) != 0 ? 2 : 1;
        }
        if (pos >= end) {
            return false;
        }
        int spatialId = (buf.getUnsignedByte(pos) >> 1) & 0x07;
        return spatialId == 0;
    }

    static boolean h264(ByteBuf buf, int offset, int length) {
        int end = offset + length;
        int type = buf.getUnsignedByte(offset) & 0x1f;
        switch (type) {
            case 5, 7 -> {
                return true;
            }
            case 24 -> {
                int pos = offset + 1;
                while (pos + 2 < end) {
                    int size = buf.getUnsignedShort(pos);
                    int nal = buf.getUnsignedByte(pos + 2) & 0x1f;
                    if (nal == 5 || nal == 7) {
                        return true;
                    }
                    pos += 2 + size;
                }
                return false;
            }
            case 28 -> {
                if (length < 2) {
                    return false;
                }
                int header = buf.getUnsignedByte(offset + 1);
                int nal = header & 0x1f;
                return (header & 0x80) != 0 && (nal == 5 || nal == 7);
            }
            default -> {
                return false;
            }
        }
    }
}
