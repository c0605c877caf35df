package io.mediamesh.node.overlay;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The overlay between media nodes, active when the cluster is ({@code mediamesh.cluster.enabled=true}).
 *
 * @param port the UDP port of overlay links (MEDIAMESH_NODE_OVERLAY_PORT)
 * @param advertisedAddress host:port other nodes reach this node's overlay at; empty = the first advertised WebRTC
 *     address with {@code port}
 * @param seeds host:port of other nodes' overlay ports to link with (MEDIAMESH_NODE_OVERLAY_SEEDS, comma list)
 * @param linkDelays TEST ONLY: {@code host:port=ms} entries adding a one-way delay to frames sent to that
 *     neighbour, to shape paths on one machine where tc-netem is missing (MEDIAMESH_NODE_OVERLAY_LINK_DELAYS)
 * @param linkLoss TEST ONLY: {@code host:port=percent} entries dropping that share of the frames sent to that
 *     neighbour, to exercise loss recovery across nodes (MEDIAMESH_NODE_OVERLAY_LINK_LOSS)
 */
@Validated
@ConfigurationProperties("mediamesh.node.overlay")
public record OverlayProperties(
        @Min(1) @Max(65535) @DefaultValue("11000") int port,
        @DefaultValue("") String advertisedAddress,
        @DefaultValue("") List<String> seeds,
        @DefaultValue("") List<String> linkDelays,
        @DefaultValue("") List<String> linkLoss) {
}
