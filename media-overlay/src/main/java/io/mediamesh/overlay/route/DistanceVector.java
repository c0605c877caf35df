package io.mediamesh.overlay.route;

import io.mediamesh.overlay.wire.NodeId;
import io.mediamesh.overlay.wire.RouteEntry;
import io.mediamesh.overlay.wire.RouteUpdate;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Distance-vector routing (Bellman-Ford, as in RIP, <a href="https://www.rfc-editor.org/rfc/rfc2453">RFC
 * 2453</a>, and atm0s-sdn's router sync) with split horizon and poison reverse: to the neighbour a route goes
 * through, the route is advertised with {@link RouteEntry#INFINITE_METRIC}. A route's metric is the sum of the link
 * costs along the path, where the engine computes a link cost as smoothed RTT + hop penalty + loss penalty.
 * Counting to infinity is bounded by the maximum hop count. An unreachable destination stays in the table as an
 * explicit withdrawal for the hold-down time, so neighbours learn it from the next update, then disappears.
 *
 * <p>To avoid flapping on RTT noise, the current next hop is kept unless another is better by more than 5 %
 * (at least 1 ms). Owned by one engine thread.
 */
public final class DistanceVector {
    private static final long MIN_HYSTERESIS_MICROS = 1_000;

    private final int self;
    private final int maxHops;
    private final long advertTimeoutMicros;
    private final long holdDownMicros;
    private final IntObjectHashMap<Neighbour> neighbours = new IntObjectHashMap<>();
    private final IntObjectHashMap<Route> routes = new IntObjectHashMap<>();
    private final RoutingTable table = new RoutingTable();

    private static final class Neighbour {
        long costMicros;
        final IntObjectHashMap<Advert> adverts = new IntObjectHashMap<>();
    }

    private record Advert(long metricMicros, int hops, long receivedMicros) {
    }

    public DistanceVector(NodeId self, int maxHops, long advertTimeoutMicros, long holdDownMicros) {
        this.self = self.value();
        this.maxHops = maxHops;
        this.advertTimeoutMicros = advertTimeoutMicros;
        this.holdDownMicros = holdDownMicros;
    }

    public RoutingTable table() {
        return table;
    }

    /** Adds an up neighbour or updates its link cost (µs). */
    public void setNeighbour(int neighbour, long costMicros) {
        Neighbour state = neighbours.get(neighbour);
        if (state == null) {
            state = new Neighbour();
            neighbours.put(neighbour, state);
        }
        state.costMicros = costMicros;
    }

    /** Forgets a dead neighbour and everything it advertised; call {@link #recompute} afterwards. */
    public void removeNeighbour(int neighbour) {
        neighbours.remove(neighbour);
    }

    public boolean isNeighbour(int node) {
        return neighbours.containsKey(node);
    }

    /** Stores an advertisement from an up neighbour (ignored otherwise); call {@link #recompute} afterwards. */
    public void onUpdate(int from, RouteUpdate update, long nowMicros) {
        Neighbour state = neighbours.get(from);
        if (state == null) {
            return;
        }
        for (RouteEntry entry : update.entries()) {
            state.adverts.put(entry.destination().value(),
                    new Advert(entry.metricMicros(), entry.hops(), nowMicros));
        }
    }

    /**
     * Expires stale advertisements and held-down routes, then selects the best next hop per destination.
     *
     * @return the routes whose next hop or reachability changed (for RouteChanged events and triggered updates)
     */
    public List<RouteSnapshot> recompute(long nowMicros) {
        TreeSet<Integer> destinations = new TreeSet<>();
        for (IntObjectMap.PrimitiveEntry<Neighbour> n : neighbours.entries()) {
            destinations.add(n.key());
            n.value().adverts.values().removeIf(a -> nowMicros - a.receivedMicros() > advertTimeoutMicros);
            destinations.addAll(n.value().adverts.keySet());
        }
        destinations.addAll(routes.keySet());
        destinations.remove(self);
        List<RouteSnapshot> changed = new ArrayList<>();
        for (int destination : destinations) {
            Route route = routes.get(destination);
            if (select(destination, route, nowMicros, changed) == null) {
                routes.remove(destination);
            }
        }
        return changed;
    }

    private Route select(int destination, Route route, long nowMicros, List<RouteSnapshot> changed) {
        int bestHop = NodeId.NONE;
        long bestMetric = Long.MAX_VALUE;
        int bestHops = 0;
        long currentMetric = Long.MAX_VALUE;
        int currentHops = 0;
        for (IntObjectMap.PrimitiveEntry<Neighbour> n : neighbours.entries()) {
            long metric;
            int hops;
            if (n.key() == destination) {
                metric = n.value().costMicros;
                hops = 1;
            } else {
                Advert advert = n.value().adverts.get(destination);
                if (advert == null || advert.metricMicros() >= RouteEntry.INFINITE_METRIC
                        || advert.hops() + 1 > maxHops) {
                    continue;
                }
                metric = n.value().costMicros + advert.metricMicros();
                hops = advert.hops() + 1;
            }
            if (metric >= RouteEntry.INFINITE_METRIC) {
                continue;
            }
            if (metric < bestMetric || (metric == bestMetric && n.key() < bestHop)) {
                bestHop = n.key();
                bestMetric = metric;
                bestHops = hops;
            }
            if (route != null && n.key() == route.nextHop) {
                currentMetric = metric;
                currentHops = hops;
            }
        }
        if (route != null && currentMetric != Long.MAX_VALUE
                && bestMetric > currentMetric - Math.max(MIN_HYSTERESIS_MICROS, currentMetric / 20)) {
            bestHop = route.nextHop;
            bestMetric = currentMetric;
            bestHops = currentHops;
        }
        if (bestHop == NodeId.NONE) {
            if (route == null) {
                return null;
            }
            if (route.reachable()) {
                route.nextHop = NodeId.NONE;
                route.metricMicros = RouteEntry.INFINITE_METRIC;
                route.unreachableSinceMicros = nowMicros;
                table.set(destination, NodeId.NONE);
                changed.add(route.snapshot());
                return route;
            }
            return nowMicros - route.unreachableSinceMicros > holdDownMicros ? null : route;
        }
        if (route == null) {
            route = new Route(destination);
            routes.put(destination, route);
        }
        boolean moved = route.nextHop != bestHop || route.hops != bestHops;
        route.nextHop = bestHop;
        route.metricMicros = bestMetric;
        route.hops = bestHops;
        if (moved) {
            table.set(destination, bestHop);
            changed.add(route.snapshot());
        }
        return route;
    }

    /** The advertisement for {@code neighbour}: this node, then every route, poisoned where it goes through it. */
    public List<RouteUpdate> updatesFor(int neighbour) {
        List<RouteEntry> entries = new ArrayList<>(routes.size() + 1);
        entries.add(new RouteEntry(new NodeId(self), 0, 0));
        for (Route route : routes.values()) {
            boolean poisoned = !route.reachable() || route.nextHop == neighbour;
            int metric = poisoned ? RouteEntry.INFINITE_METRIC
                    : (int) Math.min(route.metricMicros, RouteEntry.INFINITE_METRIC - 1L);
            entries.add(new RouteEntry(new NodeId(route.destination), metric, Math.min(route.hops, 255)));
        }
        List<RouteUpdate> frames = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += RouteUpdate.MAX_ENTRIES) {
            frames.add(new RouteUpdate(entries.subList(from, Math.min(entries.size(), from + RouteUpdate.MAX_ENTRIES))));
        }
        return frames;
    }

    /** Every destination (reachable or held down), sorted by node id. */
    public List<RouteSnapshot> snapshot() {
        List<RouteSnapshot> out = new ArrayList<>(routes.size());
        for (Route route : routes.values()) {
            out.add(route.snapshot());
        }
        out.sort((a, b) -> Integer.compare(a.destination().value(), b.destination().value()));
        return List.copyOf(out);
    }
}
