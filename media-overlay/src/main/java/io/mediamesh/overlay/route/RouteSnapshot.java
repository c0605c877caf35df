package io.mediamesh.overlay.route;

import io.mediamesh.overlay.wire.NodeId;

/**
 * Immutable view of one route for the admin API.
 *
 * @param nextHop null while the destination is unreachable (held down before removal)
 * @param metricMicros {@link io.mediamesh.overlay.wire.RouteEntry#INFINITE_METRIC} when unreachable
 */
public record RouteSnapshot(NodeId destination, NodeId nextHop, int metricMicros, int hops) {
}
