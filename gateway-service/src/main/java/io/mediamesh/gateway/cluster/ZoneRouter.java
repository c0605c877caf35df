package io.mediamesh.gateway.cluster;

import io.mediamesh.cluster.select.NodeSelector;
import io.mediamesh.cluster.select.Thresholds;
import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides where a gateway sends WHIP/WHEP signalling in a multi-zone cluster, as atm0s's gateways do. Pure: nodes,
 * gateways, zone distances and the time are parameters; eligibility and load order are {@link NodeSelector}'s.
 *
 * <p>New session:
 * <ol>
 *   <li>an eligible node of this gateway's zone: the least loaded, reached directly;</li>
 *   <li>else the nearest zone ({@link ZoneDistances}) with an eligible node, its least loaded node (equally near
 *       zones compete by load), reached through a live gateway of that zone (fresh heartbeat, never this gateway;
 *       the lowest id, so the choice is stable);</li>
 *   <li>a zone without a live gateway: its node directly (the caller logs this fallback);</li>
 *   <li>no eligible node anywhere: refused {@value #NO_NODE}.</li>
 * </ol>
 * A request on an existing session goes to its owner node (draining or not) the same way: directly in this zone,
 * else through the owner zone's gateway, else directly.
 *
 * <p>Loops: a request that another gateway already forwarded is served in this zone or refused with
 * {@value #NOT_LOCAL}; it is never forwarded again, nor sent to another zone's node.
 */
public final class ZoneRouter {

    /** Refusal code: no node of any zone can take a new session. */
    public static final String NO_NODE = "NO_MEDIA_NODE_AVAILABLE";
    /** Refusal code: a forwarded request that this gateway's zone cannot serve. */
    public static final String NOT_LOCAL = "FORWARDED_REQUEST_NOT_SERVABLE";

    /** Where a request goes. */
    public sealed interface Decision permits ToNode, ToGateway, Refused {
    }

    /** Send the request to {@code node} directly. */
    public record ToNode(NodeInfo node) implements Decision {
    }

    /** Hand the request to {@code gateway}, which serves {@code node}'s zone. */
    public record ToGateway(GatewayInfo gateway, NodeInfo node) implements Decision {
    }

    /**
     * Serve nothing: answer 503.
     *
     * @param code    the error code ({@link #NO_NODE} or {@link #NOT_LOCAL})
     * @param message what went wrong, for the client
     */
    public record Refused(String code, String message) implements Decision {
    }

    private ZoneRouter() {
    }

    /**
     * Where a new session goes.
     *
     * @param self      this gateway (its id and zone)
     * @param nodes     every registered node
     * @param gateways  every registered gateway (this one may be among them)
     * @param distances how far other zones are from this one
     * @param nowMillis wall-clock time, epoch millis
     * @param forwarded whether another gateway already forwarded this request
     */
    public static Decision forNewSession(GatewayInfo self, List<NodeInfo> nodes, List<GatewayInfo> gateways,
            ZoneDistances distances, Thresholds thresholds, long nowMillis, boolean forwarded) {
        List<NodeInfo> eligible = nodes.stream().filter(n -> NodeSelector.eligible(n, thresholds, nowMillis)).toList();
        if (eligible.isEmpty()) {
            return new Refused(NO_NODE, "every media node is draining, overloaded or silent, retry later");
        }
        long nearest = eligible.stream().mapToLong(n -> distances.distance(self.zone(), n.zone())).min().getAsLong();
        if (forwarded && nearest != 0) {
            return new Refused(NOT_LOCAL, "forwarded by another gateway, but zone " + self.zone()
                    + " has no media node that can take a new session (not forwarded again)");
        }
        List<NodeInfo> nearestNodes = eligible.stream()
                .filter(n -> distances.distance(self.zone(), n.zone()) == nearest).toList();
        // The nearest group is one zone, or several equally near ones; the selector's load order decides inside it.
        NodeInfo node = NodeSelector.select(nearestNodes, self.zone(), thresholds, nowMillis).orElseThrow();
        return route(self, node, gateways, thresholds, nowMillis);
    }

    /**
     * Where a request on an existing session goes.
     *
     * @param owner the node named in the connection id
     */
    public static Decision forConnection(GatewayInfo self, NodeInfo owner, List<GatewayInfo> gateways,
            Thresholds thresholds, long nowMillis, boolean forwarded) {
        if (forwarded && owner.zone() != self.zone()) {
            return new Refused(NOT_LOCAL, "forwarded by another gateway, but the session's media node "
                    + NodeIds.hex(owner.nodeId()) + " is in zone " + owner.zone() + ", not " + self.zone()
                    + " (not forwarded again)");
        }
        return route(self, owner, gateways, thresholds, nowMillis);
    }

    private static Decision route(GatewayInfo self, NodeInfo node, List<GatewayInfo> gateways, Thresholds thresholds,
            long nowMillis) {
        if (node.zone() == self.zone()) {
            return new ToNode(node);
        }
        return liveGateway(gateways, node.zone(), self.id(), thresholds, nowMillis)
                .<Decision>map(gateway -> new ToGateway(gateway, node))
                .orElseGet(() -> new ToNode(node));
    }

    /** A gateway of {@code zone} other than {@code selfId} with a fresh heartbeat; the lowest id, so it is stable. */
    static Optional<GatewayInfo> liveGateway(List<GatewayInfo> gateways, int zone, String selfId,
            Thresholds thresholds, long nowMillis) {
        return gateways.stream()
                .filter(g -> g.zone() == zone && !g.id().equals(selfId))
                .filter(g -> nowMillis - g.lastSeenMillis() <= thresholds.staleAfterMillis())
                .min(Comparator.comparing(GatewayInfo::id));
    }
}
