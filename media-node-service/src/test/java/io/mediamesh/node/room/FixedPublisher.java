package io.mediamesh.node.room;

import io.mediamesh.core.sfu.PublishedTrack;
import java.util.List;

/** A publisher of fixed tracks for tests of the room's policy and the cluster relay: keyframe and retransmission requests go nowhere. */
public record FixedPublisher(String peer, List<PublishedTrack> tracks) implements Publisher {
    @Override
    public void requestKeyframe(PublishedTrack track, long nowMicros) {
    }

    @Override
    public void requestRetransmission(PublishedTrack track, List<Integer> sequenceNumbers) {
    }

    @Override
    public void replaced() {
    }
}
