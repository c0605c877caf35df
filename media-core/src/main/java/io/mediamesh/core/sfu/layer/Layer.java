package io.mediamesh.core.sfu.layer;

/**
 * One layer a publisher sends: a spatial layer (simulcast encoding or SVC spatial layer) up to a temporal layer,
 * with the bitrate a receiver needs to get it (everything it depends on included) as the server measured it.
 *
 * @param spatial    0 = lowest resolution
 * @param temporal   0 = lowest frame rate
 * @param bitrateBps measured bitrate of this layer with its dependencies
 * @param active     whether the publisher sends it now
 */
public record Layer(int spatial, int temporal, long bitrateBps, boolean active) {
    public Layer {
        if (spatial < 0 || temporal < 0 || bitrateBps < 0) {
            throw new IllegalArgumentException("layer indexes and bitrate must not be negative");
        }
    }

    /** Whether this layer is above {@code other} (spatial first, then temporal). */
    public boolean above(LayerTarget other) {
        return spatial > other.spatial() || spatial == other.spatial() && temporal > other.temporal();
    }
}
