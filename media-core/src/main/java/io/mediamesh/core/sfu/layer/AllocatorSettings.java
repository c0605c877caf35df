package io.mediamesh.core.sfu.layer;

/**
 * Hysteresis of the {@link BitrateAllocator}.
 *
 * @param upMargin   a layer above the current one must fit with this fraction of its bitrate to spare (0.1 = 10 %)
 * @param holdMillis and must have fitted that way for this long without interruption
 */
public record AllocatorSettings(double upMargin, long holdMillis) {
    /** 10 % margin, 1 s hold: a receiver whose constraints are raised gets the higher layer about 1 s later. */
    public static final AllocatorSettings DEFAULT = new AllocatorSettings(0.10, 1_000);

    public AllocatorSettings {
        if (upMargin < 0 || holdMillis < 0) {
            throw new IllegalArgumentException("margin and hold must not be negative");
        }
    }
}
