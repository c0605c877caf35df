package io.mediamesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Two gateways, zone 1 (this test's context) and zone 2 (a second application context), members of one Hazelcast
 * cluster: requests for a zone-2 media node that reach the zone-1 gateway are handed to the zone-2 gateway, which
 * serves them from its zone; forwarded requests are never forwarded back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "mediamesh.gateway.secret=" + ZoneForwardingTest.SECRET,
    "mediamesh.gateway.zone=1",
    "mediamesh.gateway.id=gw-zone1",
    "mediamesh.cluster.enabled=true",
    "mediamesh.cluster.bind-address=127.0.0.1",
    "mediamesh.cluster.port-auto-increment=false",
    "mediamesh.cluster.join-wait=0s",
})
class ZoneForwardingTest {
    static final String SECRET = "zone-forwarding-secret";
    private static final String CLUSTER = "zone-test-" + UUID.randomUUID();
    private static final int HAZELCAST_1 = ClusterGatewayTestBase.freePort();
    private static final int HAZELCAST_2 = ClusterGatewayTestBase.freePort();
    private static final int NODE_Z1 = NodeIds.of(1, 1);
    private static final int NODE_Z2 = NodeIds.of(2, 1);
    private static final String RANDOM = "0123456789abcdef0123456789abcdef";
    private static final MediaType SDP = MediaType.parseMediaType("application/sdp");
    private static final String OFFER = "v=0\r\n";
    private static FakeMediaNode zone1Node;
    private static FakeMediaNode zone2Node;
    private static ConfigurableApplicationContext gateway2;

    @LocalServerPort
    int port;

    @Autowired
    ClusterState state;

    private WebTestClient gateway1Client;
    private WebTestClient gateway2Client;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("mediamesh.cluster.cluster-name", () -> CLUSTER);
        registry.add("mediamesh.cluster.port", () -> HAZELCAST_1);
        registry.add("mediamesh.cluster.members", () -> "127.0.0.1:" + HAZELCAST_1 + ",127.0.0.1:" + HAZELCAST_2);
    }

    @BeforeAll
    static void startNodes() throws IOException {
        zone1Node = new FakeMediaNode(NODE_Z1);
        zone2Node = new FakeMediaNode(NODE_Z2);
    }

    /** Started once this test's gateway (and its Hazelcast member) is up, so the second member joins it. */
    private static void startZone2() {
        // Command-line arguments: they win over application.yml (builder properties would not).
        gateway2 = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--mediamesh.gateway.secret=" + SECRET,
                "--mediamesh.gateway.zone=2",
                "--mediamesh.gateway.id=gw-zone2",
                "--mediamesh.cluster.enabled=true",
                "--mediamesh.cluster.bind-address=127.0.0.1",
                "--mediamesh.cluster.port-auto-increment=false",
                "--mediamesh.cluster.join-wait=0s",
                "--mediamesh.cluster.cluster-name=" + CLUSTER,
                "--mediamesh.cluster.port=" + HAZELCAST_2,
                "--mediamesh.cluster.members=127.0.0.1:" + HAZELCAST_1 + ",127.0.0.1:" + HAZELCAST_2);
    }

    @AfterAll
    static void stopZone2() {
        if (gateway2 != null) {
            gateway2.close();
        }
        zone1Node.stop();
        zone2Node.stop();
    }

    @BeforeEach
    void reset() {
        if (gateway2 == null) {
            startZone2();
        }
        gateway1Client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        int port2 = ((WebServerApplicationContext) gateway2).getWebServer().getPort();
        gateway2Client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port2).build();
        for (NodeInfo node : state.nodes()) {
            state.removeNode(node.nodeId());
        }
        zone1Node.lastRequest();
        zone2Node.lastRequest();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(state.gateways())
                .extracting(io.mediamesh.model.cluster.GatewayInfo::id).containsExactly("gw-zone1", "gw-zone2"));
    }

    @Test
    void aZone2NodeIsReachedThroughTheZone2GatewayAndItsLocationWorksThroughGateway1() {
        state.registerNode(node(NODE_Z2, zone2Node.baseUrl()));
        String route = "gw-zone1>gw-zone2>node-00000201";

        String location = gateway1Client.post().uri("/whep/endpoint?peer=alice")
                .header(HttpHeaders.AUTHORIZATION, "Bearer t").contentType(SDP).bodyValue(OFFER).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-MediaMesh-Route", route)
                .expectHeader().valueEquals(HttpHeaders.ETAG, FakeMediaNode.ETAG)
                .expectHeader().contentType("application/sdp")
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/whep/conn/whep-00000201-" + RANDOM)
                .expectBody(String.class).isEqualTo(FakeMediaNode.ANSWER_SDP)
                .returnResult().getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        FakeMediaNode.Received received = zone2Node.lastRequest();
        assertThat(received.path()).isEqualTo("/whep/endpoint");
        assertThat(received.headers().getFirst("X-MediaMesh-Forwarded-By")).isEqualTo("gw-zone1");
        assertThat(received.headers().getFirst("Authorization")).isEqualTo("Bearer t");
        assertThat(received.body()).isEqualTo(OFFER);

        // The client comes back to gateway 1 with the Location it got; the id names node 201, so zone 2's gateway.
        gateway1Client.patch().uri(location).contentType(MediaType.parseMediaType("application/trickle-ice-sdpfrag"))
                .bodyValue("a=candidate:1 1 udp 1 127.0.0.1 5000 typ host\r\n").exchange()
                .expectStatus().isNoContent()
                .expectHeader().valueEquals("X-MediaMesh-Route", route);
        FakeMediaNode.Received patched = zone2Node.lastRequest();
        assertThat(patched.method()).isEqualTo("PATCH");
        assertThat(patched.path()).isEqualTo(location);
        assertThat(patched.body()).startsWith("a=candidate:1");
        assertThat(patched.headers().getFirst("X-MediaMesh-Forwarded-By")).isEqualTo("gw-zone1");

        gateway1Client.delete().uri(location).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-MediaMesh-Route", route)
                .expectBody(String.class).isEqualTo("OK");
        FakeMediaNode.Received deleted = zone2Node.lastRequest();
        assertThat(deleted.method()).isEqualTo("DELETE");
        assertThat(deleted.path()).isEqualTo(location);
        assertThat(zone1Node.lastRequest()).isNull();
    }

    @Test
    void theMediaNodesErrorsComeBackThroughBothGatewaysUntouched() {
        state.registerNode(node(NODE_Z2, zone2Node.baseUrl()));

        gateway1Client.post().uri("/whip/endpoint").contentType(SDP).bodyValue(FakeMediaNode.REFUSED_OFFER).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals("X-MediaMesh-Route", "gw-zone1>gw-zone2>node-00000201")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo(FakeMediaNode.REFUSAL);
    }

    @Test
    void eachGatewayServesItsOwnZoneDirectly() {
        state.registerNode(node(NODE_Z1, zone1Node.baseUrl()));
        state.registerNode(node(NODE_Z2, zone2Node.baseUrl()));

        gateway2Client.post().uri("/whip/endpoint").contentType(SDP).bodyValue(OFFER).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-MediaMesh-Route", "gw-zone2>node-00000201");
        assertThat(zone2Node.lastRequest().headers().containsKey("X-MediaMesh-Forwarded-By")).isFalse();
        gateway1Client.post().uri("/whip/endpoint").contentType(SDP).bodyValue(OFFER).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-MediaMesh-Route", "gw-zone1>node-00000101");
    }

    @Test
    void aForwardedRequestThatCannotBeServedLocallyIs503AndIsNotForwardedBack() {
        state.registerNode(node(NODE_Z1, zone1Node.baseUrl()));

        // Zone 2 has no node: its gateway would hand the request to zone 1's gateway, unless it was forwarded already.
        gateway2Client.post().uri("/whip/endpoint").header("X-MediaMesh-Forwarded-By", "gw-zone1").contentType(SDP)
                .bodyValue(OFFER).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(false)
                .jsonPath("$.error").value(e -> assertThat((String) e)
                        .startsWith("FORWARDED_REQUEST_NOT_SERVABLE: ").contains("zone 2"));
        gateway2Client.delete().uri("/whip/conn/whip-00000101-" + RANDOM).header("X-MediaMesh-Forwarded-By", "gw-x")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e)
                        .startsWith("FORWARDED_REQUEST_NOT_SERVABLE: ").contains("00000101"));
        assertThat(zone1Node.lastRequest()).as("neither reached zone 1").isNull();

        // The same request from a client is handed to zone 1's gateway.
        gateway2Client.post().uri("/whip/endpoint").contentType(SDP).bodyValue(OFFER).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-MediaMesh-Route", "gw-zone2>gw-zone1>node-00000101");
        assertThat(zone1Node.lastRequest().headers().getFirst("X-MediaMesh-Forwarded-By")).isEqualTo("gw-zone2");
    }

    @Test
    void theAdminApiListsBothGateways() {
        gateway1Client.get().uri("/api/admin/gateways").header(HttpHeaders.AUTHORIZATION, "Bearer " + SECRET)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo(true)
                .jsonPath("$.data[0].id").isEqualTo("gw-zone1")
                .jsonPath("$.data[0].zone").isEqualTo(1)
                .jsonPath("$.data[0].url").isEqualTo("http://127.0.0.1:" + port)
                .jsonPath("$.data[1].id").isEqualTo("gw-zone2")
                .jsonPath("$.data[1].zone").isEqualTo(2)
                .jsonPath("$.data[1].url").isEqualTo(
                        "http://127.0.0.1:" + ((WebServerApplicationContext) gateway2).getWebServer().getPort());
    }

    private static NodeInfo node(int nodeId, String url) {
        return new NodeInfo(nodeId, NodeIds.zone(nodeId), url, List.of("127.0.0.1:10000"), null,
                new NodeLoad(0.1, 0, 0), false, System.currentTimeMillis());
    }
}
