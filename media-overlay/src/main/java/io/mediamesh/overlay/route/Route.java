package io.mediamesh.overlay.route;

import io.mediamesh.overlay.wire.NodeId;
import io.mediamesh.overlay.wire.RouteEntry;

/** The selected route to one destination; mutable, owned by {@link DistanceVector}. */
final class Route {
    final int destination;
    int nextHop;
    long metricMicros = RouteEntry.INFINITE_METRIC;
    int hops;
    long unreachableSinceMicros;

    Route(int destination) {
        this.destination = destination;
    }

    boolean reachable() {
        return nextHop != NodeId.NONE;
    }

    RouteSnapshot snapshot() {
        return new RouteSnapshot(new NodeId(destination), reachable() ? new NodeId(nextHop) : null,
                (int) Math.min(metricMicros, RouteEntry.INFINITE_METRIC), hops);
    }
}
