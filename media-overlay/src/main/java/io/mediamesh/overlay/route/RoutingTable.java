package io.mediamesh.overlay.route;

import io.mediamesh.overlay.wire.NodeId;

/**
 * The forwarding view of the routing state: destination node id → next-hop neighbour id. {@link #nextHop} is a
 * primitive open-addressing lookup (no boxing, no allocation, a few nanoseconds) for the per-packet path.
 * Written only by {@link DistanceVector} on the engine thread.
 */
public final class RoutingTable {
    private final IntIntMap nextHops = new IntIntMap();

    /** The neighbour to send to for {@code destination}, or {@link NodeId#NONE} if unreachable. */
    public int nextHop(int destination) {
        return nextHops.get(destination, NodeId.NONE);
    }

    public int size() {
        return nextHops.size();
    }

    void set(int destination, int nextHop) {
        if (nextHop == NodeId.NONE) {
            nextHops.remove(destination);
        } else {
            nextHops.put(destination, nextHop);
        }
    }
}
