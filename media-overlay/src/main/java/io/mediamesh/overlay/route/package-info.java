/**
 * Overlay routing: a distance-vector protocol with split horizon and poison reverse
 * ({@link io.mediamesh.overlay.route.DistanceVector}, RFC 2453 style, as atm0s-sdn's router sync) and the
 * per-packet next-hop lookup ({@link io.mediamesh.overlay.route.RoutingTable}, primitive open addressing).
 * Metric = Σ link costs (smoothed RTT + hop penalty + loss penalty), bounded by infinity and a maximum hop count.
 *
 * <p>Sans-IO and single-threaded: owned by one {@link io.mediamesh.overlay.OverlayNode}, time is a parameter,
 * snapshots ({@link io.mediamesh.overlay.route.RouteSnapshot}) are immutable and safe to hand to other threads.
 */
package io.mediamesh.overlay.route;
