package io.mediamesh.sip.media;

/**
 * Streaming 48 kHz to 8 kHz downsampler for 16-bit mono PCM: the shared 3.8 kHz windowed-sinc anti-alias low-pass
 * ({@link ResamplingFilter}, about 75 dB down from 4.2 kHz, so content that would fold back into the telephone band
 * is removed) evaluated only at every 6th input sample.
 *
 * <p>The input history and the decimation phase are kept between calls: feeding 20 ms frames (960 samples in, 160
 * out) gives exactly the one-shot output, and a call whose length is not a multiple of 6 simply carries the phase
 * on. The output lags the input by {@link #DELAY_SAMPLES} samples at 8 kHz (3 ms). No allocation after
 * construction; not thread-safe (one per stream).
 */
public final class Resampler48To8 {
    /** The group delay, in 8 kHz output samples: 24 (3 ms). */
    public static final int DELAY_SAMPLES = ResamplingFilter.DELAY_48K / ResamplingFilter.FACTOR;

    private static final int FACTOR = ResamplingFilter.FACTOR;
    private static final int LENGTH = ResamplingFilter.FACTOR * ResamplingFilter.TAPS_PER_PHASE;

    /** The prototype reversed, to run over the history oldest first. */
    private final float[] taps = new float[LENGTH];
    /** The last {@code LENGTH} inputs, stored twice so they are contiguous at {@code [newest + 1, newest + LENGTH]}. */
    private final float[] history = new float[2 * LENGTH];
    private int newest;
    /** Inputs until the next output (0: the next input produces one). */
    private int phase;

    /** A downsampler with silent history. */
    public Resampler48To8() {
        for (int k = 0; k < LENGTH; k++) {
            taps[LENGTH - 1 - k] = (float) ResamplingFilter.tap(k);
        }
    }

    /**
     * Downsamples {@code length} samples of {@code in} from {@code inOffset} into {@code out} from {@code outOffset};
     * returns the number of samples written ({@code length / 6} when calls stay multiples of 6).
     */
    public int process(short[] in, int inOffset, int length, short[] out, int outOffset) {
        int o = outOffset;
        for (int i = inOffset; i < inOffset + length; i++) {
            newest = newest + 1 == LENGTH ? 0 : newest + 1;
            history[newest] = in[i];
            history[newest + LENGTH] = in[i];
            if (phase == 0) {
                int start = newest + 1;
                float acc = 0;
                for (int t = 0; t < LENGTH; t++) {
                    acc += taps[t] * history[start + t];
                }
                out[o++] = ResamplingFilter.toSample(acc);
                phase = FACTOR - 1;
            } else {
                phase--;
            }
        }
        return o - outOffset;
    }

    /** Forgets the history and the decimation phase. */
    public void reset() {
        java.util.Arrays.fill(history, 0f);
        newest = 0;
        phase = 0;
    }
}
