package io.mediamesh.sip.bridge.audio;

/** Test signals and their analysis: sine tones, the Goertzel power of one frequency, RMS. */
public final class Tones {
    private Tones() {
    }

    /** {@code length} samples of a sine of {@code frequency} Hz at {@code rate}, starting at sample {@code start}. */
    public static short[] sine(double frequency, int rate, int amplitude, long start, int length) {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * (start + i) / rate));
        }
        return out;
    }

    /** The Goertzel power of {@code frequency} over the samples, normalised so a sine of amplitude A gives A²/4. */
    public static double power(short[] x, int offset, int length, double frequency, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = offset; i < offset + length; i++) {
            double s = x[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return power / ((double) length * length);
    }

    /** The RMS of the samples. */
    public static double rms(short[] x, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / length);
    }

    /** The frequency of a single tone from its rising zero crossings, in Hz. */
    public static double zeroCrossingFrequency(short[] x, int rate) {
        int crossings = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                crossings++;
            }
        }
        return (double) crossings * rate / x.length;
    }
}
