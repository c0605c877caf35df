package io.mediamesh.core.bwe;

/**
 * When a subscriber transport pads (padding-only RTX) to find headroom, and up to what rate. Padding helps only
 * where the receivers want more than the estimate gives them and the path shows no congestion: it goes up to a
 * quarter above the estimate, since padding only up to it lets the estimate grow no faster than its own increase rule
 * allows from what it already acknowledges (a receiver whose next layer needs twice its current bitrate once waited
 * more than a minute). After a congestion signal (the delay detector overusing, or more than {@value #CONGESTED_LOSS}
 * of a feedback's packets lost) it pads nothing for {@value #CLEAR_MICROS} µs: on a path that is already full,
 * padding only queues in front of the media (behind a 150 kbit/s bottleneck, continuous padding above the estimate
 * kept the smallest layer from its full frame rate and a downswitch's keyframe from getting through for seconds).
 *
 * <p>Sans-IO: time arrives as an argument; one instance per transport, owned by its event loop.
 */
public final class PaddingPolicy {
    /** How far above the estimate padding probes. */
    public static final double ABOVE_ESTIMATE = 1.25;
    /** A congestion-free time needed before padding again. */
    public static final long CLEAR_MICROS = 1_500_000;
    /** A feedback losing more than this fraction of its packets is a congestion signal. */
    public static final double CONGESTED_LOSS = 0.02;

    private long congestedAtMicros;
    private boolean congested;

    /** Notes the estimator's verdict after a transport-wide feedback. */
    public void onFeedback(BandwidthUsage usage, double lossFraction, long nowMicros) {
        if (usage == BandwidthUsage.OVERUSING || lossFraction > CONGESTED_LOSS) {
            congested = true;
            congestedAtMicros = nowMicros;
        }
    }

    /**
     * The rate the transport should reach, padding included; 0 for no padding.
     *
     * @param estimateBps the current estimate
     * @param wantedBps what the receivers' wanted layers cost with the allocator's up-margin; padding never goes above
     */
    public long targetBps(long estimateBps, long wantedBps, long nowMicros) {
        if (estimateBps >= wantedBps || (congested && nowMicros - congestedAtMicros < CLEAR_MICROS)) {
            return 0;
        }
        return Math.min(wantedBps, (long) (estimateBps * ABOVE_ESTIMATE));
    }
}
