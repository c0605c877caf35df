package io.mediamesh.signaling.protocol;

/**
 * How a receiver wants its track: {@code priority} (a larger share of the bandwidth when it is short) and the
 * spatial and temporal layer range. Issue #5's layer selection honours them; this issue stores and validates them.
 * Pure.
 *
 * @param priority    1 to 1000, default 50
 * @param minSpatial  0 to 2 (simulcast has at most three encodings, SVC three spatial layers), default 0
 * @param maxSpatial  0 to 2, at least {@code minSpatial}, default 2
 * @param minTemporal 0 to 2 (three temporal layers, as media-core's {@code LayerConstraints}), default 0
 * @param maxTemporal 0 to 2, at least {@code minTemporal}, default 2
 */
public record ReceiverConfig(int priority, int minSpatial, int maxSpatial, int minTemporal, int maxTemporal) {
    public static final ReceiverConfig DEFAULT = new ReceiverConfig(50, 0, 2, 0, 2);

    /** This configuration with the fields {@code request} sets (others kept), checked as a whole. */
    public ReceiverConfig merge(SdkRequest request) {
        ReceiverConfig merged = new ReceiverConfig(
                or(request.optionalInt("priority", 1, 1000), priority),
                or(request.optionalInt("minSpatial", 0, 2), minSpatial),
                or(request.optionalInt("maxSpatial", 0, 2), maxSpatial),
                or(request.optionalInt("minTemporal", 0, 2), minTemporal),
                or(request.optionalInt("maxTemporal", 0, 2), maxTemporal));
        if (merged.minSpatial > merged.maxSpatial) {
            throw SdkRequest.invalid("minSpatial", "must not exceed maxSpatial (" + merged.maxSpatial + ")");
        }
        if (merged.minTemporal > merged.maxTemporal) {
            throw SdkRequest.invalid("minTemporal", "must not exceed maxTemporal (" + merged.maxTemporal + ")");
        }
        return merged;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
