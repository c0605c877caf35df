package io.mediamesh.gateway.cluster;

import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides where a gateway sends WHIP/WHEP signalling in a multi-zone cluster. Pure: nodes, gateways and the time
 * are parameters.
 *
 * <p>A request goes straight to a media node of this gateway's zone. A node of another zone is reached through a
 * live gateway of that zone (one whose heartbeat is fresh), which is how zones are meant to be connected: a gateway
 * need not reach other zones' media nodes. A request that a gateway already forwarded is never forwarded again (no
 * loops); it goes to the node directly, and so does a request for a zone without a live gateway.
 */
public final class ZoneRouter {

    /** Where a request goes. */
    public sealed interface Decision {
        /** The media node that serves (or owns) the session. */
        NodeInfo node();
    }

    /** Send the request to {@code node} directly. */
    public record ToNode(NodeInfo node) implements Decision {
    }

    /** Hand the request to {@code gateway}, which serves {@code node}'s zone. */
    public record ToGateway(GatewayInfo gateway, NodeInfo node) implements Decision {
    }

    private ZoneRouter() {
    }

    /**
     * For a new session: the node {@link NodeSelector} picks, reached directly or through its zone's gateway.
     *
     * @param self      this gateway (its id and zone)
     * @param forwarded whether another gateway already forwarded this request
     * @return empty when no node is eligible
     */
    public static Optional<Decision> forNewSession(GatewayInfo self, List<NodeInfo> nodes,
            List<GatewayInfo> gateways, Thresholds thresholds, long nowMillis, boolean forwarded) {
        return NodeSelector.select(nodes, self.zone(), thresholds, nowMillis)
                .map(node -> route(self, node, gateways, thresholds, nowMillis, forwarded));
    }

    /** For a request on an existing session owned by {@code owner}. */
    public static Decision forConnection(GatewayInfo self, NodeInfo owner, List<GatewayInfo> gateways,
            Thresholds thresholds, long nowMillis, boolean forwarded) {
        return route(self, owner, gateways, thresholds, nowMillis, forwarded);
    }

    private static Decision route(GatewayInfo self, NodeInfo node, List<GatewayInfo> gateways, Thresholds thresholds,
            long nowMillis, boolean forwarded) {
        if (node.zone() == self.zone() || forwarded) {
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
