package io.mediamesh.node.cluster;

import io.mediamesh.model.cluster.NodeIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who this media node is in the cluster, bound from {@code mediamesh.node.*} next to the node's other settings
 * (environment: {@code MEDIAMESH_NODE_ZONE}, {@code MEDIAMESH_NODE_INDEX}, {@code MEDIAMESH_NODE_PUBLICURL}).
 *
 * @param zone      the zone, 0 to 2^24-1 (atm0s convention: flat small numbers or a geo grid); default 0
 * @param index     the node's number inside its zone, 0 to 255, unique per zone; default 0
 * @param publicUrl the base URL gateways use to reach this node's HTTP API; null means
 *                  {@code http://127.0.0.1:<server port>}, right only when everything runs on one machine
 */
@Validated
@ConfigurationProperties("mediamesh.node")
public record NodeIdentity(
        @DefaultValue("0") @Min(0) @Max(NodeIds.MAX_ZONE) int zone,
        @DefaultValue("0") @Min(0) @Max(NodeIds.MAX_INDEX) int index,
        URI publicUrl) {

    public NodeIdentity {
        NodeIds.of(zone, index);
        if (publicUrl != null && !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme()))) {
            throw new IllegalArgumentException("mediamesh.node.public-url must be an http(s) URL, was " + publicUrl);
        }
    }

    /** {@code zone << 8 | index}. */
    public int nodeId() {
        return NodeIds.of(zone, index);
    }

    /** The URL to register: the configured one, or loopback with the given HTTP port. */
    public String httpUrl(int localServerPort) {
        return publicUrl != null ? publicUrl.toString() : "http://127.0.0.1:" + localServerPort;
    }
}
