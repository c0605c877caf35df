package io.mediamesh.core.bwe;

/**
 * The delay-based rate (GCC §5.5, libwebrtc AimdRateController). The detector's verdict drives a three-state machine:
 * overuse → decrease to {@value #BETA} × the acknowledged throughput, underuse → hold (let the queues drain),
 * normal → increase: multiplicatively ({@value #MULTIPLICATIVE_PER_SECOND} per second) while far from the last
 * known link capacity, additively (about one packet per response time) near it. An increase never takes the rate
 * beyond 1.5 × the acknowledged throughput + 10 kbps, so an idle or application-limited sender does not inflate it.
 */
final class AimdRateController {
    static final double BETA = 0.85;
    static final double MULTIPLICATIVE_PER_SECOND = 1.08;
    private static final long MIN_RESPONSE_MICROS = 100_000;

    private enum State { HOLD, INCREASE, DECREASE }

    private final long minBps;
    private final long maxBps;
    private final LinkCapacity capacity = new LinkCapacity();
    private State state = State.HOLD;
    private double bitrateBps;
    private long lastChangeMicros = Long.MIN_VALUE;
    private boolean decreasedOnce;
    private long lastDecreaseMicros = Long.MIN_VALUE;

    AimdRateController(long startBps, long minBps, long maxBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.bitrateBps = startBps;
    }

    /**
     * @param ackedBps the throughput the receiver acknowledged recently, or a negative value when not yet known
     * @param rttMicros the current round-trip estimate
     * @return the new delay-based rate
     */
    long update(BandwidthUsage usage, double ackedBps, long rttMicros, long nowMicros) {
        switch (usage) {
            case NORMAL -> {
                if (state == State.HOLD) {
                    lastChangeMicros = nowMicros;
                    state = State.INCREASE;
                }
            }
            case OVERUSING -> {
                if (state != State.DECREASE && timeToReduceFurther(ackedBps, rttMicros, nowMicros)) {
                    state = State.DECREASE;
                }
            }
            case UNDERUSING -> state = State.HOLD;
        }
        double next = bitrateBps;
        switch (state) {
            case HOLD -> { }
            case INCREASE -> {
                if (ackedBps >= 0 && ackedBps > capacity.upperBoundBps()) {
                    capacity.reset();
                }
                long elapsed = lastChangeMicros == Long.MIN_VALUE ? 0 : nowMicros - lastChangeMicros;
                next += capacity.known() ? additiveIncrease(elapsed, rttMicros) : multiplicativeIncrease(elapsed);
                if (ackedBps >= 0) {
                    double ceiling = 1.5 * ackedBps + 10_000;
                    if (next > ceiling) {
                        next = Math.max(bitrateBps, ceiling);
                    }
                }
                lastChangeMicros = nowMicros;
            }
            case DECREASE -> {
                if (ackedBps >= 0) {
                    double decreased = BETA * ackedBps;
                    if (decreased > bitrateBps && capacity.known()) {
                        decreased = BETA * capacity.estimateBps();
                    }
                    if (decreased < bitrateBps) {
                        next = decreased;
                    }
                    if (decreasedOnce && ackedBps < capacity.lowerBoundBps()) {
                        capacity.reset();
                    }
                    decreasedOnce = true;
                    capacity.onOveruse(ackedBps);
                } else {
                    next = bitrateBps * BETA;
                }
                state = State.HOLD;
                lastChangeMicros = nowMicros;
                lastDecreaseMicros = nowMicros;
            }
        }
        bitrateBps = Math.max(minBps, Math.min(maxBps, next));
        return (long) bitrateBps;
    }

    /**
     * One decrease per round trip (clamped to 10..200 ms), so a single congestion event is not punished twice; at
     * once when the throughput fell below half the rate.
     */
    private boolean timeToReduceFurther(double ackedBps, long rttMicros, long nowMicros) {
        if (lastDecreaseMicros == Long.MIN_VALUE) {
            return true;
        }
        long interval = Math.max(10_000, Math.min(200_000, rttMicros));
        return nowMicros - lastDecreaseMicros >= interval || ackedBps >= 0 && ackedBps < bitrateBps / 2;
    }

    private double multiplicativeIncrease(long elapsedMicros) {
        double seconds = Math.min(elapsedMicros, 1_000_000) / 1e6;
        double alpha = Math.pow(MULTIPLICATIVE_PER_SECOND, seconds);
        return Math.max(bitrateBps * (alpha - 1), 1000 * seconds);
    }

    /** About one average packet per response time (RTT + 100 ms), at least 4 kbps per second. */
    private double additiveIncrease(long elapsedMicros, long rttMicros) {
        double frameBytes = bitrateBps / 8 / 30;
        double packetsPerFrame = Math.ceil(frameBytes / 1200);
        double packetBits = 8 * frameBytes / Math.max(packetsPerFrame, 1);
        double responseSeconds = (Math.max(rttMicros, 0) + MIN_RESPONSE_MICROS) / 1e6;
        double bpsPerSecond = Math.max(4000, packetBits / responseSeconds);
        return bpsPerSecond * elapsedMicros / 1e6;
    }

    long bitrateBps() {
        return (long) bitrateBps;
    }

}
