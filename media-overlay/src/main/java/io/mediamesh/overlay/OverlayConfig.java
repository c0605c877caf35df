package io.mediamesh.overlay;

import io.mediamesh.overlay.wire.NodeId;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Configuration of one {@link OverlayNode}.
 *
 * @param self this node's id (unique in the cluster: it is part of every frame's counter block)
 * @param clusterSecret shared by all nodes, at least 16 bytes; the frame key is derived from it
 * @param advertisedAddress this node's overlay address as text, sent in Hello (e.g. "10.0.0.1:7000")
 * @param seeds neighbours to connect to (opaque addresses; the library does no I/O)
 * @param timers timers and metric weights
 * @param allocator allocates outgoing frames and delivered payloads (heap buffers)
 */
public record OverlayConfig(NodeId self, byte[] clusterSecret, String advertisedAddress,
        List<InetSocketAddress> seeds, OverlayTimers timers, ByteBufAllocator allocator) {

    public OverlayConfig {
        if (self == null || clusterSecret == null || advertisedAddress == null || timers == null
                || allocator == null) {
            throw new IllegalArgumentException("self, clusterSecret, advertisedAddress, timers, allocator required");
        }
        if (clusterSecret.length < 16) {
            throw new IllegalArgumentException("cluster secret must have at least 16 bytes");
        }
        clusterSecret = clusterSecret.clone();
        seeds = List.copyOf(seeds);
    }

    /** Default timers and Netty's default allocator. */
    public static OverlayConfig of(NodeId self, byte[] clusterSecret, String advertisedAddress,
            List<InetSocketAddress> seeds) {
        return new OverlayConfig(self, clusterSecret, advertisedAddress, seeds, OverlayTimers.defaults(),
                ByteBufAllocator.DEFAULT);
    }

    @Override
    public byte[] clusterSecret() {
        return clusterSecret.clone();
    }

    @Override
    public String toString() {
        return "OverlayConfig[self=" + self + ", advertisedAddress=" + advertisedAddress + ", seeds=" + seeds
                + ", timers=" + timers + "]";
    }
}
