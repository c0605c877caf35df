package io.mediamesh.sip.media;

/**
 * Streaming 8 kHz to 48 kHz upsampler for 16-bit mono PCM: zero-stuffing by 6 followed by the shared 3.8 kHz
 * windowed-sinc low-pass ({@link ResamplingFilter}), computed as 6 polyphase branches of
 * {@value ResamplingFilter#TAPS_PER_PHASE} taps so no multiplication by a stuffed zero is done.
 *
 * <p>The input history is kept between calls, so feeding a signal in 20 ms frames (160 samples in, 960 out) gives
 * exactly the output of feeding it at once: frame boundaries add nothing. The output lags the input by
 * {@link #DELAY_SAMPLES} samples at 48 kHz (3 ms). No allocation after construction; not thread-safe (one per
 * stream).
 */
public final class Resampler8To48 {
    /** The group delay, in 48 kHz output samples: 144 (3 ms). */
    public static final int DELAY_SAMPLES = ResamplingFilter.DELAY_48K;

    private static final int FACTOR = ResamplingFilter.FACTOR;
    private static final int TAPS = ResamplingFilter.TAPS_PER_PHASE;

    /** Per branch p, the taps {@code h[6j + p] * 6} in reverse j order, to run over the history oldest first. */
    private final float[][] branches = new float[FACTOR][TAPS];
    /** The last {@code TAPS} inputs, stored twice so they are always contiguous at {@code [newest + 1, newest + TAPS]}. */
    private final float[] history = new float[2 * TAPS];
    private int newest;

    /** An upsampler with silent history. */
    public Resampler8To48() {
        for (int p = 0; p < FACTOR; p++) {
            for (int j = 0; j < TAPS; j++) {
                branches[p][TAPS - 1 - j] = (float) (ResamplingFilter.tap(FACTOR * j + p) * FACTOR);
            }
        }
    }

    /**
     * Upsamples {@code length} samples of {@code in} from {@code inOffset} into {@code 6 * length} samples of
     * {@code out} from {@code outOffset}; returns the number of samples written.
     */
    public int process(short[] in, int inOffset, int length, short[] out, int outOffset) {
        int o = outOffset;
        for (int i = inOffset; i < inOffset + length; i++) {
            newest = newest + 1 == TAPS ? 0 : newest + 1;
            history[newest] = in[i];
            history[newest + TAPS] = in[i];
            int start = newest + 1;
            for (int p = 0; p < FACTOR; p++) {
                float[] taps = branches[p];
                float acc = 0;
                for (int t = 0; t < TAPS; t++) {
                    acc += taps[t] * history[start + t];
                }
                out[o++] = ResamplingFilter.toSample(acc);
            }
        }
        return o - outOffset;
    }

    /** Forgets the history (a new stream starts from silence). */
    public void reset() {
        java.util.Arrays.fill(history, 0f);
        newest = 0;
    }
}
