package io.mediamesh.node.testpeer;

import java.nio.ByteBuffer;

/**
 * Recognisable media payloads. VP8 ones carry the RFC 7741 §4.2 payload descriptor with a 15-bit PictureID and, at
 * the start of a frame, the §4.3 payload header (P=0 for a keyframe) followed by the keyframe start code and size;
 * the rest is a stamp (source, frame number, packet index) and filler, so a receiver can tell exactly which packet
 * of which sender it got.
 */
public final class Payloads {
    private static final int FILLER = 160;

    private Payloads() {
    }

    /**
     * One packet of a VP8 frame.
     *
     * @param source identifies the sender, e.g. its SSRC
     * @param frame the frame number, also the PictureID
     * @param index the packet index within the frame; 0 starts the frame (S=1)
     */
    public static byte[] vp8(long source, int frame, int index, boolean keyframe) {
        ByteBuffer out = ByteBuffer.allocate(4 + 10 + 12 + FILLER);
        out.put((byte) (0x80 | (index == 0 ? 0x10 : 0)));
        out.put((byte) 0x80);
        out.put((byte) (0x80 | ((frame >> 8) & 0x7f)));
        out.put((byte) frame);
        if (index == 0) {
            // Frame tag: show_frame set, P (inverse key frame flag) clear for a keyframe (RFC 6386 §9.1).
            out.put((byte) (keyframe ? 0x10 : 0x11));
            out.put((byte) 0x02);
            out.put((byte) 0x00);
            if (keyframe) {
                out.put(new byte[] {(byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x02, (byte) 0xe0, 0x01});
            }
        }
        out.putInt((int) source);
        out.putInt(frame);
        out.putInt(index);
        while (out.hasRemaining()) {
            out.put((byte) (out.position() * 7 + frame));
        }
        return trim(out);
    }

    /** True when {@code payload} starts a VP8 keyframe (descriptor S=1, PID=0, then P=0). */
    public static boolean isVp8Keyframe(byte[] payload) {
        return payload.length > 4 && (payload[0] & 0x17) == 0x10 && (payload[4] & 0x01) == 0;
    }

    /** One 20 ms Opus packet: a CELT fullband TOC byte, then a stamp of the packet number. */
    public static byte[] opus(int number) {
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + 40);
        out.put((byte) 0xfc);
        out.putInt(number);
        while (out.hasRemaining()) {
            out.put((byte) (out.position() + number));
        }
        return out.array();
    }

    private static byte[] trim(ByteBuffer out) {
        byte[] result = new byte[out.position()];
        out.flip();
        out.get(result);
        return result;
    }
}
