package io.mediamesh.core.sfu.layer;

import java.util.List;

/**
 * One of a receiver's tracks as the allocator sees it: a snapshot of the publisher's layers (audio has one), the
 * receiver's constraints and priority for it, and the allocator's state from the previous run.
 *
 * @param trackId     the caller's key, returned untouched
 * @param audio       audio is served first, at its (single) layer's bitrate
 * @param priority    1..N: a track of priority N may climb N layers per allocation round before the next track
 * @param constraints the receiver's range; {@code paused} gives the track nothing and costs nothing
 * @param layers      the publisher's layers with measured bitrates (a snapshot)
 * @param state       the previous allocation for this track ({@link AllocationState#INITIAL} at first)
 */
public record TrackDemand(String trackId, boolean audio, int priority, LayerConstraints constraints,
        List<Layer> layers, AllocationState state) {
    public TrackDemand {
        if (priority < 1) {
            throw new IllegalArgumentException("priority must be at least 1: " + priority);
        }
        layers = List.copyOf(layers);
    }
}
