package io.mediamesh.cluster.select;

import io.mediamesh.model.cluster.NodeInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the media node for a new session (WHIP/WHEP at the gateway, SDK sessions at the signalling service). Pure: the node list and the time are parameters.
 *
 * <p>A node is eligible when it is not draining, its heartbeat is at most {@code staleAfterMillis} old and it is
 * under every overload threshold. Among eligible nodes, those in the gateway's own zone win; inside the winning
 * group the least loaded wins: fewest sessions, then lowest CPU, then lowest node id so the choice is stable.
 *
 * <p>Multi-zone: when no node of this zone is eligible, the least loaded node of another zone wins; the gateway's ZoneRouter
 * then hands the request to a gateway of that zone, as atm0s's gateways do.
 */
public final class NodeSelector {

    private static final Comparator<NodeInfo> LEAST_LOADED = Comparator
            .comparingInt((NodeInfo n) -> n.load().sessions())
            .thenComparingDouble(n -> n.load().cpu())
            .thenComparingInt(NodeInfo::nodeId);

    private NodeSelector() {
    }

    /**
     * @param nodes       every registered node
     * @param clientZone  the zone of this gateway
     * @param thresholds  overload and freshness limits
     * @param nowMillis   the current wall-clock time (epoch millis)
     * @return the chosen node, or empty when no node is eligible
     */
    public static Optional<NodeInfo> select(List<NodeInfo> nodes, int clientZone, Thresholds thresholds,
            long nowMillis) {
        List<NodeInfo> eligible = nodes.stream().filter(n -> eligible(n, thresholds, nowMillis)).toList();
        Optional<NodeInfo> local = eligible.stream().filter(n -> n.zone() == clientZone).min(LEAST_LOADED);
        return local.isPresent() ? local : eligible.stream().min(LEAST_LOADED);
    }

    /** Whether a node may take a new session now. */
    public static boolean eligible(NodeInfo node, Thresholds thresholds, long nowMillis) {
        if (node.draining() || nowMillis - node.heartbeatMillis() > thresholds.staleAfterMillis()) {
            return false;
        }
        if (node.load().cpu() >= thresholds.maxCpu() || node.load().sessions() >= thresholds.maxSessions()) {
            return false;
        }
        return thresholds.maxBandwidthBps() == 0 || node.load().bandwidthBps() < thresholds.maxBandwidthBps();
    }
}
