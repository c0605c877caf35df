package io.mediamesh.rtmp.audio;

/**
 * Converts one channel from any input rate to 48 kHz by linear interpolation, keeping its position across calls so
 * frame boundaries leave no clicks. Good enough for speech and program audio headed to Opus (which low-passes at
 * 20 kHz anyway); not a mastering-grade filter. Not thread-safe: one per channel.
 */
public final class LinearResampler {
    private final double step;
    private double position;
    private float previous;
    private boolean primed;

    /** @param inputRate samples per second of the input, e.g. 44100 */
    public LinearResampler(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive");
        }
        this.step = (double) inputRate / outputRate;
    }

    /**
     * Resamples {@code input[0, length)} into {@code output} from {@code outputOffset}.
     *
     * @return the number of output samples written (at most {@link #maxOutput(int)})
     */
    public int resample(float[] input, int length, float[] output, int outputOffset) {
        if (length == 0) {
            return 0;
        }
        if (!primed) {
            previous = input[0];
            primed = true;
        }
        int written = 0;
        // position is measured in input samples; -1 refers to the last sample of the previous call.
        while (position < length - 1 + 1e-9) {
            int index = (int) Math.floor(position);
            double fraction = position - index;
            float a = index < 0 ? previous : input[index];
            float b = input[Math.min(index + 1, length - 1)];
            output[outputOffset + written++] = (float) (a + (b - a) * fraction);
            position += step;
        }
        position -= length;
        previous = input[length - 1];
        return written;
    }

    /** An upper bound of the output samples for {@code inputLength} input samples. */
    public int maxOutput(int inputLength) {
        return (int) Math.ceil((inputLength + 1) / step) + 1;
    }
}
