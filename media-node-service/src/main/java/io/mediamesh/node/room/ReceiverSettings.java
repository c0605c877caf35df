package io.mediamesh.node.room;

/**
 * How an SDK receiver wants its track (the SDK protocol's receiver config): on or off, the spatial and temporal layer
 * ranges it accepts, and its priority (1..1000) against the session's other receivers when the downlink is short.
 */
public record ReceiverSettings(boolean enabled, int minSpatial, int maxSpatial, int minTemporal, int maxTemporal,
        int priority) {
    /** The highest spatial or temporal layer index (three of each). */
    public static final int MAX_LAYER = 2;
    public static final int DEFAULT_PRIORITY = 50;
    public static final int MAX_PRIORITY = 1000;
    /** Everything, at the default priority. */
    public static final ReceiverSettings DEFAULT = new ReceiverSettings(true, 0, MAX_LAYER, 0, MAX_LAYER,
            DEFAULT_PRIORITY);

    public ReceiverSettings {
        range("spatial", minSpatial, maxSpatial);
        range("temporal", minTemporal, maxTemporal);
        if (priority < 1 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority: 1 to " + MAX_PRIORITY);
        }
    }

    private static void range(String what, int min, int max) {
        if (min < 0 || max > MAX_LAYER || min > max) {
            throw new IllegalArgumentException("min" + what.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + what.substring(1) + " and max" + what.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + what.substring(1) + ": 0 <= min <= max <= " + MAX_LAYER);
        }
    }
}
