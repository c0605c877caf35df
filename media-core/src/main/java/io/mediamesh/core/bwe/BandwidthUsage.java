package io.mediamesh.core.bwe;

/** The delay-based detector's verdict on the path (GCC §5.4): queues growing, stable, or draining. */
public enum BandwidthUsage {
    NORMAL,
    OVERUSING,
    UNDERUSING
}
