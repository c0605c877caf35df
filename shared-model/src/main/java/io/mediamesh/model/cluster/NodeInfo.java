package io.mediamesh.model.cluster;

import java.util.List;
import java.util.Objects;

/**
 * One media node in the cluster's node registry, written only by that node (register, heartbeat, drain) and read by
 * gateways to choose where new sessions go and where existing ones live.
 *
 * @param nodeId          {@link NodeIds#of(int, int) zone << 8 | index}, unique in the cluster
 * @param zone            the node's zone, equal to {@code NodeIds.zone(nodeId)}
 * @param httpUrl         base URL of the node's HTTP API as reachable from the gateways, without a trailing slash
 * @param webrtcCandidates the node's WebRTC UDP candidates as {@code host:port}, for operators and the admin API
 * @param overlayAddress  {@code host:port} of the node's overlay (node-to-node media) socket; null when it has none
 * @param load            the last reported load
 * @param draining        true once the node is shutting down: it serves its live sessions but takes no new one
 * @param heartbeatMillis wall-clock time (epoch millis, node clock) of the last heartbeat; gateways treat a node
 *                        whose heartbeat is too old as gone, which assumes clocks synchronised by NTP
 */
public record NodeInfo(int nodeId, int zone, String httpUrl, List<String> webrtcCandidates, String overlayAddress,
        NodeLoad load, boolean draining, long heartbeatMillis) {

    public NodeInfo {
        if (zone != NodeIds.zone(nodeId)) {
            throw new IllegalArgumentException("zone " + zone + " does not match node id " + NodeIds.hex(nodeId));
        }
        Objects.requireNonNull(httpUrl, "httpUrl");
        if (!httpUrl.startsWith("http://") && !httpUrl.startsWith("https://")) {
            throw new IllegalArgumentException("httpUrl must be an http(s) URL, was " + httpUrl);
        }
        httpUrl = httpUrl.replaceAll("/+$", "");
        webrtcCandidates = webrtcCandidates == null ? List.of() : List.copyOf(webrtcCandidates);
        Objects.requireNonNull(load, "load");
    }

    /** The same node after a heartbeat. */
    public NodeInfo withHeartbeat(NodeLoad newLoad, long nowMillis) {
        return new NodeInfo(nodeId, zone, httpUrl, webrtcCandidates, overlayAddress, newLoad, draining, nowMillis);
    }

    /** The same node, now refusing new sessions. */
    public NodeInfo asDraining(long nowMillis) {
        return new NodeInfo(nodeId, zone, httpUrl, webrtcCandidates, overlayAddress, load, true, nowMillis);
    }

    /** The id as 8 hex digits. */
    public String nodeIdHex() {
        return NodeIds.hex(nodeId);
    }
}
