package io.mediamesh.core.bwe;

/**
 * The loss-based rate (GCC §6): over at least {@value #MIN_PACKETS} reported packets, a loss fraction above {@value #HIGH_LOSS} cuts the
 * rate to {@code rate × (1 − loss / 2)} (at most once per {@value #DECREASE_INTERVAL_MICROS} µs + RTT), but not below
 * {@value #ACKED_FLOOR} × the throughput the receiver acknowledges (what does get through: after a burst into a
 * small queue the loss reports lag the cuts, and without the floor the rate falls far below the link), a loss
 * fraction below {@value #LOW_LOSS} lets it grow by 8 % per second (+1 kbps), anything in between holds it. The
 * delay-based rate is an upper bound of the whole estimate, so this controller only matters on lossy paths where
 * delay does not rise (policers, wireless).
 */
final class LossBasedController {
    static final double LOW_LOSS = 0.02;
    static final double HIGH_LOSS = 0.10;
    private static final long DECREASE_INTERVAL_MICROS = 300_000;
    static final int MIN_PACKETS = 20;
    static final double ACKED_FLOOR = 0.85;

    private final long minBps;
    private final long maxBps;
    private double bitrateBps;
    private long lastUpdateMicros = Long.MIN_VALUE;
    private long lastDecreaseMicros = Long.MIN_VALUE;
    private double lastLoss;
    private int pendingLost;
    private int pendingTotal;

    LossBasedController(long startBps, long minBps, long maxBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.bitrateBps = startBps;
    }

    /**
     * Counts one feedback's losses; the rate changes once {@value #MIN_PACKETS} packets were reported since the last
     * change (a feedback at a low rate reports a few packets, and one loss among three is not a 33 % loss rate).
     *
     * @param lost packets reported lost in this feedback
     * @param total packets reported in this feedback
     * @param currentBps the estimate now (the rate the sender uses)
     * @param ackedBps the throughput acknowledged recently, negative when not known yet
     */
    long update(int lost, int total, long currentBps, double ackedBps, long rttMicros, long nowMicros) {
        pendingLost += lost;
        pendingTotal += total;
        if (pendingTotal < MIN_PACKETS) {
            return (long) bitrateBps;
        }
        double loss = (double) pendingLost / pendingTotal;
        pendingLost = 0;
        pendingTotal = 0;
        lastLoss = loss;
        double elapsedSeconds = lastUpdateMicros == Long.MIN_VALUE ? 0
                : Math.min(nowMicros - lastUpdateMicros, 1_000_000) / 1e6;
        lastUpdateMicros = nowMicros;
        if (loss < LOW_LOSS) {
            bitrateBps = currentBps * Math.pow(1.08, elapsedSeconds) + 1000 * elapsedSeconds;
        } else if (loss > HIGH_LOSS) {
            if (lastDecreaseMicros == Long.MIN_VALUE
                    || nowMicros - lastDecreaseMicros >= DECREASE_INTERVAL_MICROS + Math.max(rttMicros, 0)) {
                double cut = Math.min(bitrateBps, currentBps) * (1 - loss / 2);
                double floor = ackedBps > 0 ? Math.min(ACKED_FLOOR * ackedBps, Math.min(bitrateBps, currentBps)) : 0;
                bitrateBps = Math.max(cut, floor);
                lastDecreaseMicros = nowMicros;
            }
        }
        bitrateBps = Math.max(minBps, Math.min(maxBps, bitrateBps));
        return (long) bitrateBps;
    }

    long bitrateBps() {
        return (long) bitrateBps;
    }

    /** The loss fraction of the last feedback. */
    double lastLoss() {
        return lastLoss;
    }
}
