package io.mediamesh.core.sfu.layer;

/**
 * The allocator's decision for one track.
 *
 * @param trackId    as in the {@link TrackDemand}
 * @param target     the layer to forward ({@link LayerTarget#NONE}: nothing)
 * @param bitrateBps what the target layer costs (its measured bitrate), 0 for none
 * @param state      to pass back in the next {@link TrackDemand}
 */
public record TrackAllocation(String trackId, LayerTarget target, long bitrateBps, AllocationState state) {
}
