package io.mediamesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three members on 127.0.0.1: two media nodes and one gateway. A node that leaves takes its entries with it, whether
 * it shuts down cleanly or dies; losing one member loses nothing of the live nodes (one synchronous backup).
 */
class ClusterMembershipTest {

    private static final int NODE_1 = NodeIds.of(0, 1);
    private static final int NODE_2 = NodeIds.of(0, 2);
    private static final int PEERS = 40;

    private final EmbeddedMembers members = new EmbeddedMembers(3);

    @AfterEach
    void stop() {
        members.close();
    }

    @Test
    void deadNodeLosesItsEntriesAndLiveNodesSurviveALostMember() {
        HazelcastInstance node1 = members.start(0, NODE_1);
        HazelcastInstance node2 = members.start(1, NODE_2);
        HazelcastInstance gateway = members.start(2, null);
        assertThat(gateway.getCluster().getMembers()).hasSize(3);
        ClusterState state1 = members.state(node1, 0);
        ClusterState state2 = members.state(node2, 1);
        ClusterState gatewayState = members.state(gateway, 2);

        populate(state1, NODE_1, "a");
        populate(state2, NODE_2, "b");
        assertThat(gatewayState.peers("room")).hasSize(2 * PEERS);
        assertThat(gatewayState.room("room").orElseThrow().peers()).isEqualTo(2 * PEERS);

        // Node 2 dies without unregistering: the survivors detect it and remove what it owned.
        node2.getLifecycleService().terminate();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(gatewayState.nodes()).extracting(NodeInfo::nodeId).containsExactly(NODE_1);
            assertThat(gatewayState.peers("room")).allMatch(p -> p.nodeId() == NODE_1).hasSize(PEERS);
            assertThat(gatewayState.tracks("room")).allMatch(t -> t.sourceNodeId() == NODE_1).hasSize(PEERS);
            assertThat(gatewayState.room("room").orElseThrow().peers()).isEqualTo(PEERS);
        });

        // The gateway member dies too; its partitions' backups on node 1 take over, so node 1 loses nothing. That holds
        // once the partitions node 2 owned have their backups again (the cluster is safe): a second death during that
        // migration loses entries with any single-backup store.
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.getPartitionService().isClusterSafe());
        gateway.getLifecycleService().terminate();
        await().atMost(Duration.ofSeconds(15)).until(() -> node1.getCluster().getMembers().size() == 1);
        assertThat(state1.nodes()).extracting(NodeInfo::nodeId).containsExactly(NODE_1);
        assertThat(state1.peers("room")).hasSize(PEERS);
        assertThat(state1.tracks("room")).hasSize(PEERS);
        assertThat(state1.room("room").orElseThrow().peers()).isEqualTo(PEERS);
    }

    @Test
    void nodeThatShutsDownCleanlyIsRemovedEvenIfItForgotToUnregister() {
        HazelcastInstance node1 = members.start(0, NODE_1);
        HazelcastInstance node2 = members.start(1, NODE_2);
        ClusterState state1 = members.state(node1, 0);
        populate(state1, NODE_1, "a");
        populate(members.state(node2, 1), NODE_2, "b");

        node2.shutdown();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(state1.node(NODE_2)).isEmpty();
            assertThat(state1.peers("room")).hasSize(PEERS);
        });
        assertThat(state1.node(NODE_1)).isPresent();
    }

    @Test
    void aGatewayThatLeavesLosesItsRegistryEntryWithoutWaitingForTheTtl() {
        HazelcastInstance node1 = members.start(0, NODE_1);
        HazelcastInstance gateway1 = members.startGateway(1, "gw-1");
        HazelcastInstance gateway2 = members.startGateway(2, "gw-2");
        ClusterState state1 = members.state(node1, 0);
        members.state(gateway1, 1).registerGateway(new GatewayInfo("gw-1", 1, "http://127.0.0.1:8080",
                System.currentTimeMillis()));
        members.state(gateway2, 2).registerGateway(new GatewayInfo("gw-2", 2, "http://127.0.0.1:8090",
                System.currentTimeMillis()));
        assertThat(state1.gateways()).extracting(GatewayInfo::id).containsExactly("gw-1", "gw-2");

        // It never removes its own entry; the member leaving is what the others react to (TTL is 10 s here).
        gateway2.shutdown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(state1.gateways()).extracting(GatewayInfo::id).containsExactly("gw-1"));
    }

    private static void populate(ClusterState state, int nodeId, String prefix) {
        state.registerNode(new NodeInfo(nodeId, NodeIds.zone(nodeId), "http://127.0.0.1:" + (8000 + nodeId),
                List.of(), null, NodeLoad.IDLE, false, System.currentTimeMillis()));
        for (int i = 0; i < PEERS; i++) {
            state.putPeer(new PeerInfo("room", prefix + i, nodeId, PeerKind.WHIP, null));
            state.putTrack(new TrackInfo("room", prefix + i, "audio_main", TrackKind.AUDIO, i, nodeId, ""));
        }
    }
}
