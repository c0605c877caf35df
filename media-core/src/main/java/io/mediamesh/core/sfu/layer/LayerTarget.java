package io.mediamesh.core.sfu.layer;

/**
 * The layer a receiver should get: spatial and temporal indexes, or {@link #NONE} (forward nothing).
 *
 * @param spatial  -1 with {@link #NONE}
 * @param temporal -1 with {@link #NONE}
 */
public record LayerTarget(int spatial, int temporal) {
    /** Forward nothing (paused, or no layer can be sent). */
    public static final LayerTarget NONE = new LayerTarget(-1, -1);

    public boolean isNone() {
        return spatial < 0;
    }

    static LayerTarget of(Layer layer) {
        return new LayerTarget(layer.spatial(), layer.temporal());
    }
}
