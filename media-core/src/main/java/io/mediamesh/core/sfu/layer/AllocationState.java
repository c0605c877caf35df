package io.mediamesh.core.sfu.layer;

/**
 * What the allocator remembers about one receiver's track between two runs: the layer it gets now and since when a
 * higher layer has been affordable (the hysteresis hold).
 *
 * @param current      the layer forwarded now, or {@link LayerTarget#NONE}
 * @param upSinceMillis when a higher layer first became affordable without interruption, or -1
 */
public record AllocationState(LayerTarget current, long upSinceMillis) {
    /** A receiver that gets nothing yet. */
    public static final AllocationState INITIAL = new AllocationState(LayerTarget.NONE, -1);
}
