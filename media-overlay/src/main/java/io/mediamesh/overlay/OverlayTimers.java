package io.mediamesh.overlay;

/**
 * Timers and metric weights of the overlay, validated. Defaults follow atm0s-sdn (1 s tick, 10 ms hop penalty)
 * except where this project wants faster failure handling (3 s dead link, 5 s subscription timeout).
 *
 * @param tickMicros Hello retry, Ping, periodic RouteUpdate and Subscribe refresh interval
 * @param deadLinkMicros a link with no Pong for this long is down
 * @param routeTimeoutMicros an advertised route not refreshed for this long is dropped
 * @param holdDownMicros an unreachable destination is advertised as withdrawn for this long, then forgotten
 * @param subscriptionTimeoutMicros a downstream not refreshing its Subscribe for this long is dropped
 * @param feedbackIntervalMicros minimum spacing of Feedback frames per channel (the first goes out at once)
 * @param initialRttMicros link RTT assumed before the first Pong
 * @param hopPenaltyMicros added to each link's cost
 * @param lossPenaltyMicros added to a link's cost at 100 % loss (proportionally below)
 * @param maxHops routes longer than this are unreachable (bounds counting to infinity)
 */
public record OverlayTimers(long tickMicros, long deadLinkMicros, long routeTimeoutMicros, long holdDownMicros,
        long subscriptionTimeoutMicros, long feedbackIntervalMicros, long initialRttMicros, long hopPenaltyMicros,
        long lossPenaltyMicros, int maxHops) {

    public OverlayTimers {
        positive(tickMicros, "tickMicros");
        positive(feedbackIntervalMicros, "feedbackIntervalMicros");
        positive(initialRttMicros, "initialRttMicros");
        if (deadLinkMicros <= tickMicros) {
            throw new IllegalArgumentException("deadLinkMicros must exceed tickMicros (a Pong per tick)");
        }
        if (routeTimeoutMicros <= tickMicros || subscriptionTimeoutMicros <= tickMicros) {
            throw new IllegalArgumentException("route and subscription timeouts must exceed the refresh tick");
        }
        if (holdDownMicros < 0 || hopPenaltyMicros < 0 || lossPenaltyMicros < 0) {
            throw new IllegalArgumentException("hold-down and penalties must not be negative");
        }
        if (maxHops < 1 || maxHops > 255) {
            throw new IllegalArgumentException("maxHops must be 1..255: " + maxHops);
        }
    }

    public static OverlayTimers defaults() {
        return new OverlayTimers(500_000, 3_000_000, 5_000_000, 3_000_000, 5_000_000, 100_000, 1_000_000,
                10_000, 1_000_000, 16);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
