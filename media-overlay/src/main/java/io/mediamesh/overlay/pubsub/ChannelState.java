package io.mediamesh.overlay.pubsub;

import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.NodeId;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One channel's relay state at this node. Downstreams are parallel primitive arrays, iterated per packet. */
final class ChannelState {
    final long id;
    final ChannelId channelId;
    final int source;
    int upstream = NodeId.NONE;
    int pendingUpstream = NodeId.NONE;
    int drainingUpstream = NodeId.NONE;
    long drainingUntilMicros;
    int localSubscribers;
    int nextSequence;
    int[] downstreams = new int[4];
    long[] refreshedMicros = new long[4];
    int downstreamCount;
    final SequenceWindow sequences = new SequenceWindow();
    final IntObjectHashMap<FeedbackAggregate> pendingFeedback = new IntObjectHashMap<>(2);
    long feedbackAllowedMicros;
    boolean feedbackQueued;
    long packetsIn;
    long bytesIn;
    long copiesOut;
    long bytesOut;

    ChannelState(long id, int source) {
        this.id = id;
        this.channelId = new ChannelId(id);
        this.source = source;
    }

    boolean isEmpty() {
        return downstreamCount == 0 && localSubscribers == 0;
    }

    int indexOf(int neighbour) {
        for (int i = 0; i < downstreamCount; i++) {
            if (downstreams[i] == neighbour) {
                return i;
            }
        }
        return -1;
    }

    void addOrRefresh(int neighbour, long nowMicros) {
        int i = indexOf(neighbour);
        if (i < 0) {
            if (downstreamCount == downstreams.length) {
                downstreams = Arrays.copyOf(downstreams, downstreamCount * 2);
                refreshedMicros = Arrays.copyOf(refreshedMicros, downstreamCount * 2);
            }
            i = downstreamCount++;
            downstreams[i] = neighbour;
        }
        refreshedMicros[i] = nowMicros;
    }

    boolean remove(int neighbour) {
        int i = indexOf(neighbour);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void removeAt(int i) {
        downstreamCount--;
        downstreams[i] = downstreams[downstreamCount];
        refreshedMicros[i] = refreshedMicros[downstreamCount];
    }

    /** Removes downstreams not refreshed within {@code timeoutMicros}; returns how many. */
    int expire(long nowMicros, long timeoutMicros) {
        int removed = 0;
        for (int i = downstreamCount - 1; i >= 0; i--) {
            if (nowMicros - refreshedMicros[i] > timeoutMicros) {
                removeAt(i);
                removed++;
            }
        }
        return removed;
    }

    ChannelSnapshot snapshot() {
        List<NodeId> down = new ArrayList<>(downstreamCount);
        for (int i = 0; i < downstreamCount; i++) {
            down.add(new NodeId(downstreams[i]));
        }
        down.sort((a, b) -> Integer.compare(a.value(), b.value()));
        return new ChannelSnapshot(channelId, new NodeId(source), node(upstream), node(pendingUpstream),
                List.copyOf(down), localSubscribers, packetsIn, bytesIn, copiesOut, bytesOut);
    }

    private static NodeId node(int value) {
        return value == NodeId.NONE ? null : new NodeId(value);
    }
}
