package io.mediamesh.sip.gateway;

import io.mediamesh.model.cluster.NodeIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's identity in the overlay, {@code mediamesh.node.*} like the RTMP ingest's (environment
 * {@code MEDIAMESH_NODE_ZONE}, {@code MEDIAMESH_NODE_INDEX}, {@code MEDIAMESH_NODE_OVERLAY_PORT},
 * {@code MEDIAMESH_NODE_OVERLAY_SEEDS}, {@code MEDIAMESH_NODE_OVERLAY_ADVERTISED_ADDRESS}). The default index 220
 * keeps clear of media nodes (from 1) and the RTMP ingest (200).
 */
@Validated
@ConfigurationProperties("mediamesh.node")
public record SipNodeProperties(
        @DefaultValue("1") @Min(0) @Max(NodeIds.MAX_ZONE) int zone,
        @DefaultValue("220") @Min(1) @Max(NodeIds.MAX_INDEX) int index,
        @DefaultValue Overlay overlay) {

    /**
     * @param port              UDP port of the overlay links
     * @param advertisedAddress host:port media nodes reach this service at; empty = 127.0.0.1:port
     * @param seeds             media nodes' overlay host:port to link with
     */
    public record Overlay(
            @DefaultValue("11200") @Min(0) @Max(65535) int port,
            @DefaultValue("") String advertisedAddress,
            @DefaultValue("") List<String> seeds) {
    }

    public int nodeId() {
        return NodeIds.of(zone, index);
    }
}
