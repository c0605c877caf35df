package io.mediamesh.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import io.mediamesh.model.cluster.PeerDetails;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.RoomInfo;
import io.mediamesh.model.cluster.RoomMessage;
import io.mediamesh.model.cluster.SenderLayers;
import io.mediamesh.model.cluster.TrackInfo;
import java.time.Duration;

/**
 * Builds the Hazelcast member configuration from a {@link ClusterConfig}. Only explicit discovery is allowed: the
 * TCP-IP list or Kubernetes DNS; multicast and auto-detection are off, so a member never joins a stranger's cluster
 * by accident, and phone-home is off. Hazelcast's JVM shutdown hook is off too: the service shuts the member down
 * itself, after it has unregistered its node, so the removal still reaches the cluster.
 */
public final class HazelcastConfigFactory {

    private HazelcastConfigFactory() {
    }

    /**
     * @param config     validated settings
     * @param ownNodeId  the media node id this member speaks for, stored as the member attribute
     *                   {@value ClusterState#NODE_ID_ATTRIBUTE} so the others can clean up after it; null for a
     *                   gateway
     */
    public static Config build(ClusterConfig config, Integer ownNodeId) {
        return build(config, ownNodeId, null);
    }

    /**
     * A gateway's member: like {@link #build(ClusterConfig, Integer) build(config, null)}, with {@code gatewayId}
     * stored as the member attribute {@value ClusterState#GATEWAY_ID_ATTRIBUTE}, so the others remove the gateway's
     * registry entry when its member leaves or dies.
     */
    public static Config buildForGateway(ClusterConfig config, String gatewayId) {
        return build(config, null, gatewayId);
    }

    private static Config build(ClusterConfig config, Integer ownNodeId, String gatewayId) {
        Config hz = new Config();
        hz.setClusterName(config.clusterName());
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.shutdownhook.enabled", "false");
        hz.setProperty("hazelcast.heartbeat.interval.seconds", seconds(config.heartbeatInterval()));
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", seconds(config.failureTimeout()));
        hz.setProperty("hazelcast.wait.seconds.before.join", Long.toString(config.joinWait().toSeconds()));
        hz.setProperty("hazelcast.max.wait.seconds.before.join", Long.toString(config.joinWait().toSeconds() * 4));
        if (ownNodeId != null) {
            hz.getMemberAttributeConfig().setAttribute(ClusterState.NODE_ID_ATTRIBUTE, NodeIds.hex(ownNodeId));
        }
        if (gatewayId != null) {
            hz.getMemberAttributeConfig().setAttribute(ClusterState.GATEWAY_ID_ATTRIBUTE, gatewayId);
        }

        NetworkConfig network = hz.getNetworkConfig();
        network.setPort(config.port()).setPortAutoIncrement(config.portAutoIncrement());
        if (config.bindAddress() != null) {
            network.getInterfaces().setEnabled(true).addInterface(config.bindAddress());
            // Listen on that address only, not on every interface of the host.
            hz.setProperty("hazelcast.socket.bind.any", "false");
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (config.kubernetesDiscovery()) {
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", config.kubernetes().serviceDns())
                    .setProperty("service-dns-timeout", seconds(config.kubernetes().serviceDnsTimeout()));
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(config.members());
        }

        // Records are stored with zero-config Compact serialization; listing them avoids the "not registered"
        // warning and fails fast at start if one of them stops being Compact-compatible.
        hz.getSerializationConfig().getCompactSerializationConfig()
                .addClass(NodeInfo.class).addClass(NodeLoad.class).addClass(PeerInfo.class)
                .addClass(TrackInfo.class).addClass(RoomInfo.class).addClass(GatewayInfo.class)
                .addClass(PeerDetails.class).addClass(RoomMessage.class)
                .addClass(SenderLayers.class).addClass(io.mediamesh.model.cluster.PeerKick.class)
                .addClass(io.mediamesh.model.cluster.AudioLevelReport.class)
                .addClass(io.mediamesh.model.cluster.ActiveSpeakers.class);

        hz.addMapConfig(map(ClusterState.NODES_MAP, config));
        hz.addMapConfig(map(ClusterState.ROOMS_MAP, config));
        hz.addMapConfig(map(ClusterState.GATEWAYS_MAP, config));
        hz.addMapConfig(map(ClusterState.ACTIVE_SPEAKERS_MAP, config));
        hz.addMapConfig(map(ClusterState.PEER_DETAILS_MAP, config)
                .addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.HASH, "room")));
        hz.addMapConfig(map(ClusterState.PEERS_MAP, config)
                .addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.HASH, "room"))
                .addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.HASH, "nodeId")));
        hz.addMapConfig(map(ClusterState.TRACKS_MAP, config)
                .addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.HASH, "room"))
                .addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.HASH, "sourceNodeId")));
        return hz;
    }

    private static MapConfig map(String name, ClusterConfig config) {
        return new MapConfig(name).setBackupCount(config.backupCount()).setAsyncBackupCount(0)
                .setReadBackupData(false);
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }
}
