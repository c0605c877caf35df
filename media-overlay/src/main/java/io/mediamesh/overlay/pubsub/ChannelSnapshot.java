package io.mediamesh.overlay.pubsub;

import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.NodeId;
import java.util.List;

/**
 * Immutable view of one channel at this node for the admin API.
 *
 * @param upstream null at the source, or while no route to the source exists
 * @param pendingUpstream the new upstream during a make-before-break switch, else null
 * @param packetsIn packets accepted from the upstream (or published here, at the source)
 * @param copiesOut ChannelData frames sent to downstream neighbours
 */
public record ChannelSnapshot(ChannelId channel, NodeId source, NodeId upstream, NodeId pendingUpstream,
        List<NodeId> downstreams, int localSubscribers, long packetsIn, long bytesIn, long copiesOut,
        long bytesOut) {

    public int downstreamCount() {
        return downstreams.size();
    }
}
