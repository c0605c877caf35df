package io.mediamesh.sip.media;

/**
 * The low-pass prototype shared by {@link Resampler8To48} and {@link Resampler48To8}: a Kaiser-windowed sinc at the
 * 48 kHz rate with its -6 dB point at 3.8 kHz (pass band to about 3.4 kHz, stop band from about 4.2 kHz, about
 * 75 dB of stop-band attenuation), {@value #TAPS} taps, linear phase. Designed once, at class initialisation.
 */
final class ResamplingFilter {
    /** The rate ratio, 48000 / 8000. */
    static final int FACTOR = 6;
    /** The filter length: odd, with (TAPS - 1) / 2 a multiple of {@link #FACTOR} so the delay is whole at 8 kHz. */
    static final int TAPS = 289;
    /** The group delay at 48 kHz, in samples: (TAPS - 1) / 2. */
    static final int DELAY_48K = (TAPS - 1) / 2;
    /** Taps per polyphase branch, the filter being zero-padded to {@code FACTOR * TAPS_PER_PHASE}. */
    static final int TAPS_PER_PHASE = (TAPS + FACTOR - 1) / FACTOR;

    private static final double CUTOFF_HZ = 3800;
    private static final double RATE_HZ = 48000;
    private static final double KAISER_BETA = 7.5;

    /** The prototype, padded with zeros to {@code FACTOR * TAPS_PER_PHASE} taps; unity gain at DC. */
    private static final double[] PROTOTYPE = design();

    private ResamplingFilter() {
    }

    /** Tap {@code k} of the prototype (zero beyond {@link #TAPS}). */
    static double tap(int k) {
        return PROTOTYPE[k];
    }

    private static double[] design() {
        double[] h = new double[FACTOR * TAPS_PER_PHASE];
        double fc = CUTOFF_HZ / RATE_HZ; // cycles per sample
        double center = DELAY_48K;
        double i0Beta = besselI0(KAISER_BETA);
        double sum = 0;
        for (int n = 0; n < TAPS; n++) {
            double t = n - center;
            double sinc = t == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * t) / (Math.PI * t);
            double ratio = t / center;
            double window = besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / i0Beta;
            h[n] = sinc * window;
            sum += h[n];
        }
        for (int n = 0; n < TAPS; n++) {
            h[n] /= sum;
        }
        return h;
    }

    /** The zeroth-order modified Bessel function of the first kind, by its power series. */
    private static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double halfX = x / 2;
        for (int k = 1; k < 50 && term > 1e-17 * sum; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
        }
        return sum;
    }

    /** Rounds to the nearest 16-bit sample, saturating. */
    static short toSample(float value) {
        int rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }
}
