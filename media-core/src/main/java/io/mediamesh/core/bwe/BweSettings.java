package io.mediamesh.core.bwe;

/**
 * Limits of one estimator.
 *
 * @param startBps the estimate before any feedback (what a new subscriber gets first)
 * @param minBps   never estimate below this
 * @param maxBps   never estimate above this
 */
public record BweSettings(long startBps, long minBps, long maxBps) {
    /** 300 kbps at start, 30 kbps .. 10 Mbps. */
    public static final BweSettings DEFAULT = new BweSettings(300_000, 30_000, 10_000_000);

    public BweSettings {
        if (minBps <= 0 || minBps > startBps || startBps > maxBps) {
            throw new IllegalArgumentException("need 0 < min <= start <= max, was " + minBps + " / " + startBps
                    + " / " + maxBps);
        }
    }
}
