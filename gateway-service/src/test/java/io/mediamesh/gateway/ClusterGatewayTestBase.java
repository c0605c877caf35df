package io.mediamesh.gateway;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway of zone 1 that is a real embedded Hazelcast member (alone in its cluster, on 127.0.0.1), with two fake
 * media nodes the tests register in the cluster state, and a third fake as the single-node fallback URL. Shared by
 * every cluster test class (same configuration, so Spring reuses the context).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "mediamesh.gateway.secret=" + ClusterGatewayTestBase.SECRET,
    "mediamesh.gateway.admin-secret=" + ClusterGatewayTestBase.ADMIN_SECRET,
    "mediamesh.gateway.zone=1",
    "mediamesh.cluster.enabled=true",
    "mediamesh.cluster.bind-address=127.0.0.1",
    "mediamesh.cluster.port-auto-increment=false",
    "mediamesh.cluster.join-wait=0s",
})
abstract class ClusterGatewayTestBase {

    static final String SECRET = "cluster-test-secret";
    static final String ADMIN_SECRET = "admin-test-secret";
    static final int NODE_A = NodeIds.of(1, 1);
    static final int NODE_B = NodeIds.of(1, 2);
    static final int NODE_OTHER_ZONE = NodeIds.of(2, 1);
    static final String RANDOM = "0123456789abcdef0123456789abcdef";

    static final FakeMediaNode FALLBACK = start();
    static final FakeMediaNode MEDIA_A = start();
    static final FakeMediaNode MEDIA_B = start();
    private static final int HAZELCAST_PORT = freePort();

    @LocalServerPort
    int port;

    @Autowired
    ClusterState state;

    WebTestClient client;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("mediamesh.gateway.media-node-url", FALLBACK::baseUrl);
        registry.add("mediamesh.cluster.cluster-name", () -> "gateway-test-" + UUID.randomUUID());
        registry.add("mediamesh.cluster.port", () -> HAZELCAST_PORT);
        registry.add("mediamesh.cluster.members", () -> "127.0.0.1:" + HAZELCAST_PORT);
    }

    @BeforeEach
    void reset() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        for (NodeInfo node : state.nodes()) {
            state.removeNode(node.nodeId());
        }
        state.removeOrphans();
        for (FakeMediaNode node : List.of(FALLBACK, MEDIA_A, MEDIA_B)) {
            node.lastRequest();
            node.internalStatus(200);
        }
    }

    static NodeInfo node(int nodeId, String url, int sessions, boolean draining) {
        return new NodeInfo(nodeId, NodeIds.zone(nodeId), url, List.of("127.0.0.1:10000"), null,
                new NodeLoad(0.1, sessions, 0), draining, System.currentTimeMillis());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FakeMediaNode start() {
        try {
            return new FakeMediaNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
