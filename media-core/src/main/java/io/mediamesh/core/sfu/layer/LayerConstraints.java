package io.mediamesh.core.sfu.layer;

/**
 * What one receiver asked for (the SDK's receiver config): the spatial and temporal range it accepts, and whether it
 * is paused. Layers outside the range are never sent; the minimum is kept even when the bandwidth estimate is short.
 *
 * @param minSpatial  0..2
 * @param maxSpatial  minSpatial..2
 * @param minTemporal 0..2
 * @param maxTemporal minTemporal..2
 * @param paused      forward nothing
 */
public record LayerConstraints(int minSpatial, int maxSpatial, int minTemporal, int maxTemporal, boolean paused) {
    public static final int MAX_INDEX = 2;
    /** Everything the publisher sends. */
    public static final LayerConstraints ANY = new LayerConstraints(0, MAX_INDEX, 0, MAX_INDEX, false);

    public LayerConstraints {
        check("spatial", minSpatial, maxSpatial);
        check("temporal", minTemporal, maxTemporal);
    }

    private static void check(String what, int min, int max) {
        if (min < 0 || max > MAX_INDEX || min > max) {
            throw new IllegalArgumentException("min/max " + what + " must satisfy 0 <= min <= max <= " + MAX_INDEX
                    + ", was " + min + ".." + max);
        }
    }

    boolean allows(Layer layer) {
        return layer.spatial() >= minSpatial && layer.spatial() <= maxSpatial && layer.temporal() >= minTemporal
                && layer.temporal() <= maxTemporal;
    }
}
