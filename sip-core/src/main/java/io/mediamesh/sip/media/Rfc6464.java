package io.mediamesh.sip.media;

/**
 * The client-to-mixer audio level of RFC 6464: a level in -dBov from 0 (loudest, the overload point) to 127 (silence
 * or below), carried in a one-byte RTP header extension element as {@code V | level} where V (the top bit) is the
 * sender's voice-activity flag.
 *
 * <p>dBov is the RMS level relative to the overload point of 16-bit PCM, i.e. a full-scale square wave (RMS 32767) is
 * 0 dBov and a full-scale sine is about -3 dBov. Stateless and allocation-free.
 */
public final class Rfc6464 {
    /** The level of digital silence (and of anything at or below -127 dBov). */
    public static final int SILENCE = 127;
    private static final int VOICE_BIT = 0x80;
    private static final double FULL_SCALE = 32767.0;

    private Rfc6464() {
    }

    /** The RFC 6464 level (0..127, in -dBov rounded to the nearest dB) of {@code length} samples from {@code offset}. */
    public static int level(short[] pcm, int offset, int length) {
        if (length <= 0) {
            return SILENCE;
        }
        long sumOfSquares = 0;
        for (int i = offset; i < offset + length; i++) {
            int sample = pcm[i];
            sumOfSquares += (long) sample * sample;
        }
        return levelOfMeanSquare((double) sumOfSquares / length);
    }

    /** The level of a signal whose mean square (in 16-bit sample units squared) is {@code meanSquare}. */
    public static int levelOfMeanSquare(double meanSquare) {
        if (meanSquare <= 0) {
            return SILENCE;
        }
        // -dBov = -20 log10(rms / FS) = -10 log10(meanSquare / FS^2)
        double minusDbov = -10 * Math.log10(meanSquare / (FULL_SCALE * FULL_SCALE));
        long rounded = Math.round(minusDbov);
        return (int) Math.max(0, Math.min(SILENCE, rounded));
    }

    /** The level (0..127) of an extension element byte. */
    public static int levelOf(byte element) {
        return element & 0x7F;
    }

    /** Whether the sender flagged voice activity in an extension element byte (the V bit). */
    public static boolean voiceActivity(byte element) {
        return (element & VOICE_BIT) != 0;
    }

    /** The extension element byte for a level (clamped to 0..127) and voice-activity flag. */
    public static byte element(boolean voice, int level) {
        int clamped = Math.max(0, Math.min(SILENCE, level));
        return (byte) ((voice ? VOICE_BIT : 0) | clamped);
    }
}
