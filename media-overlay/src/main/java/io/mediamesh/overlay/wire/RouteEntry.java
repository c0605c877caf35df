package io.mediamesh.overlay.wire;

/**
 * One destination in a {@link RouteUpdate}: the sender's metric (µs) and hop count to {@code destination}.
 * {@link #INFINITE_METRIC} withdraws the route (and is what split horizon with poison reverse advertises back to
 * the neighbour a route goes through).
 */
public record RouteEntry(NodeId destination, int metricMicros, int hops) {
    /** Unreachable. Any metric at or above it, or a hop count above the configured maximum, means "no route". */
    public static final int INFINITE_METRIC = Integer.MAX_VALUE;
    /** Encoded size of one entry. */
    public static final int LENGTH = 9;

    public RouteEntry {
        if (metricMicros < 0) {
            throw new IllegalArgumentException("metric must not be negative: " + metricMicros);
        }
        if (hops < 0 || hops > 0xFF) {
            throw new IllegalArgumentException("hops must fit in a byte: " + hops);
        }
    }

    public boolean reachable() {
        return metricMicros != INFINITE_METRIC;
    }
}
