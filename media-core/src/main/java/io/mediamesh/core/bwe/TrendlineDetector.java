package io.mediamesh.core.bwe;

/**
 * Delay-gradient overuse detection (GCC §5.3–5.4, libwebrtc TrendlineEstimator): the one-way delay variation of
 * each packet group is accumulated and smoothed, the slope of the last {@value #WINDOW} points (least squares over
 * arrival time) is the trend, and the gained trend is compared with an adaptive threshold γ that rises slowly
 * ({@value #K_UP}/ms) toward large trends and falls fast ({@value #K_DOWN}/ms), so the detector neither starves
 * against concurrent TCP nor fires on noise. Overuse is declared only after it has lasted
 * {@value #OVERUSE_TIME_MS} ms over two or more groups and the trend is not falling. Allocation-free.
 */
final class TrendlineDetector {
    static final int WINDOW = 20;
    private static final double SMOOTHING = 0.9;
    private static final double GAIN = 4.0;
    static final double K_UP = 0.0087;
    static final double K_DOWN = 0.039;
    static final double OVERUSE_TIME_MS = 10;
    private static final double MAX_ADAPT_OFFSET_MS = 15;
    private static final double INITIAL_THRESHOLD_MS = 12.5;

    private final double[] arrivalMs = new double[WINDOW];
    private final double[] delayMs = new double[WINDOW];
    private int filled;
    private int next;
    private int deltas;
    private double firstArrivalMs = Double.NaN;
    private double accumulatedDelayMs;
    private double smoothedDelayMs;
    private double trend;
    private double previousTrend;
    private double threshold = INITIAL_THRESHOLD_MS;
    private double lastThresholdUpdateMs = Double.NaN;
    private double timeOverUsingMs = -1;
    private int overuseCounter;
    private BandwidthUsage state = BandwidthUsage.NORMAL;

    /**
     * Feeds the deltas of one completed packet group.
     *
     * @param arrivalMicros the group's last arrival time (receiver clock; only differences matter)
     */
    BandwidthUsage update(long sendDeltaMicros, long arrivalDeltaMicros, long arrivalMicros) {
        double sendDeltaMs = sendDeltaMicros / 1000.0;
        double nowMs = arrivalMicros / 1000.0;
        if (Double.isNaN(firstArrivalMs)) {
            firstArrivalMs = nowMs;
        }
        deltas = Math.min(deltas + 1, 1000);
        accumulatedDelayMs += (arrivalDeltaMicros - sendDeltaMicros) / 1000.0;
        smoothedDelayMs = SMOOTHING * smoothedDelayMs + (1 - SMOOTHING) * accumulatedDelayMs;
        arrivalMs[next] = nowMs - firstArrivalMs;
        delayMs[next] = smoothedDelayMs;
        next = (next + 1) % WINDOW;
        filled = Math.min(filled + 1, WINDOW);
        if (filled == WINDOW) {
            trend = slope();
        }
        detect(sendDeltaMs, nowMs);
        return state;
    }

    private double slope() {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < WINDOW; i++) {
            meanX += arrivalMs[i];
            meanY += delayMs[i];
        }
        meanX /= WINDOW;
        meanY /= WINDOW;
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < WINDOW; i++) {
            double dx = arrivalMs[i] - meanX;
            numerator += dx * (delayMs[i] - meanY);
            denominator += dx * dx;
        }
        return denominator == 0 ? trend : numerator / denominator;
    }

    private void detect(double sendDeltaMs, double nowMs) {
        double modifiedTrend = Math.min(deltas, 60) * trend * GAIN;
        if (modifiedTrend > threshold) {
            timeOverUsingMs = timeOverUsingMs < 0 ? sendDeltaMs / 2 : timeOverUsingMs + sendDeltaMs;
            overuseCounter++;
            if (timeOverUsingMs > OVERUSE_TIME_MS && overuseCounter > 1 && trend >= previousTrend) {
                timeOverUsingMs = 0;
                overuseCounter = 0;
                state = BandwidthUsage.OVERUSING;
            }
        } else if (modifiedTrend < -threshold) {
            timeOverUsingMs = -1;
            overuseCounter = 0;
            state = BandwidthUsage.UNDERUSING;
        } else {
            timeOverUsingMs = -1;
            overuseCounter = 0;
            state = BandwidthUsage.NORMAL;
        }
        previousTrend = trend;
        adaptThreshold(modifiedTrend, nowMs);
    }

    private void adaptThreshold(double modifiedTrend, double nowMs) {
        if (Double.isNaN(lastThresholdUpdateMs)) {
            lastThresholdUpdateMs = nowMs;
        }
        double magnitude = Math.abs(modifiedTrend);
        if (magnitude > threshold + MAX_ADAPT_OFFSET_MS) {
            // A spike (e.g. a route change): do not let it drag the threshold up.
            lastThresholdUpdateMs = nowMs;
            return;
        }
        double k = magnitude < threshold ? K_DOWN : K_UP;
        double elapsedMs = Math.min(nowMs - lastThresholdUpdateMs, 100);
        threshold += k * (magnitude - threshold) * elapsedMs;
        threshold = Math.max(6, Math.min(600, threshold));
        lastThresholdUpdateMs = nowMs;
    }

    BandwidthUsage state() {
        return state;
    }

    double trend() {
        return trend;
    }

    double thresholdMs() {
        return threshold;
    }
}
