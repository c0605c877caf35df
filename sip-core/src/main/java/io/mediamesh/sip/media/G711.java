package io.mediamesh.sip.media;

/**
 * ITU-T G.711 companding: 16-bit linear PCM to and from µ-law (PCMU, payload type 0) and A-law (PCMA, payload type
 * 8), bit-exact with the ITU reference tables (the classic Sun {@code g711.c} formulation). Stateless and
 * allocation-free; decoding uses 256-entry tables built once.
 */
public final class G711 {
    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = ulawToLinear(i);
            ALAW_TO_LINEAR[i] = alawToLinear(i);
        }
    }

    private G711() {
    }

    /** The µ-law byte for one linear sample. */
    public static byte linearToUlaw(int sample) {
        int pcm = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0) {
            pcm = -pcm;
        }
        if (pcm > ULAW_CLIP) {
            pcm = ULAW_CLIP;
        }
        pcm += ULAW_BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | exponent << 4 | mantissa);
    }

    /** The linear sample of a µ-law byte. */
    public static short ulaw(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    /** The A-law byte for one linear sample. */
    public static byte linearToAlaw(int sample) {
        int pcm = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample)) >> 3;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int segment = 0;
        while (segment < 8 && pcm > (0x20 << segment) - 1) {
            segment++;
        }
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int value = segment << 4;
        value |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return (byte) (value ^ mask);
    }

    /** The linear sample of an A-law byte. */
    public static short alaw(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    /** Decodes {@code length} µ-law bytes into {@code out}. */
    public static void decodeUlaw(byte[] in, int offset, int length, short[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = ULAW_TO_LINEAR[in[offset + i] & 0xFF];
        }
    }

    /** Decodes {@code length} A-law bytes into {@code out}. */
    public static void decodeAlaw(byte[] in, int offset, int length, short[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = ALAW_TO_LINEAR[in[offset + i] & 0xFF];
        }
    }

    private static short ulawToLinear(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int sample = ((mantissa << 3) + ULAW_BIAS) << exponent;
        sample -= ULAW_BIAS;
        return (short) ((u & 0x80) != 0 ? -sample : sample);
    }

    private static short alawToLinear(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            t += 8;
        } else {
            t += 0x108;
            if (segment > 1) {
                t <<= segment - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
