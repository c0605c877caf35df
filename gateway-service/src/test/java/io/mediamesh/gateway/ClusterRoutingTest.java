package io.mediamesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** New sessions go to the selected media node, existing ones to the node named in their id. */
class ClusterRoutingTest extends ClusterGatewayTestBase {

    private static final String OFFER = "v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final MediaType SDP = MediaType.parseMediaType("application/sdp");

    @Test
    void postGoesToTheLeastLoadedNodeOfTheZone() {
        state.registerNode(node(NODE_A, MEDIA_A.baseUrl(), 5, false));
        state.registerNode(node(NODE_B, MEDIA_B.baseUrl(), 1, false));

        client.post().uri("/whip/endpoint?x=1").header(HttpHeaders.AUTHORIZATION, "Bearer t").contentType(SDP)
                .bodyValue(OFFER).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/whip/conn/node1-42");

        FakeMediaNode.Received received = MEDIA_B.lastRequest();
        assertThat(received.path()).isEqualTo("/whip/endpoint");
        assertThat(received.body()).isEqualTo(OFFER);
        assertThat(received.headers().getFirst("Authorization")).isEqualTo("Bearer t");
        assertThat(MEDIA_A.lastRequest()).isNull();
        assertThat(FALLBACK.lastRequest()).isNull();
    }

    @Test
    void postGoesToAnotherZoneWhenThisZoneCannotTakeIt() {
        state.registerNode(node(NODE_A, MEDIA_A.baseUrl(), 0, true));
        state.registerNode(node(NODE_OTHER_ZONE, MEDIA_B.baseUrl(), 50, false));

        client.post().uri("/whep/endpoint").contentType(SDP).bodyValue(OFFER).exchange()
                .expectStatus().isCreated()
                // The node names itself absolutely; the gateway still makes it relative.
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/whep/conn/node1-43?x=1");

        assertThat(MEDIA_B.lastRequest().path()).isEqualTo("/whep/endpoint");
        assertThat(MEDIA_A.lastRequest()).as("draining").isNull();
    }

    @Test
    void staleNodesAreNotChosen() {
        NodeInfo stale = node(NODE_A, MEDIA_A.baseUrl(), 0, false);
        state.registerNode(new NodeInfo(stale.nodeId(), stale.zone(), stale.httpUrl(), List.of(), null,
                NodeLoad.IDLE, false, System.currentTimeMillis() - 10_000));
        state.registerNode(node(NODE_B, MEDIA_B.baseUrl(), 30, false));

        client.post().uri("/whip/endpoint").contentType(SDP).bodyValue(OFFER).exchange().expectStatus().isCreated();

        assertThat(MEDIA_B.lastRequest()).isNotNull();
        assertThat(MEDIA_A.lastRequest()).isNull();
    }

    @Test
    void noEligibleNodeIs503InTheEnvelope() {
        state.registerNode(node(NODE_A, MEDIA_A.baseUrl(), 1000, false));
        state.registerNode(node(NODE_B, MEDIA_B.baseUrl(), 0, true));

        client.post().uri("/whip/endpoint").contentType(SDP).bodyValue(OFFER).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(false)
                .jsonPath("$.error").value(e -> assertThat((String) e).startsWith("NO_MEDIA_NODE_AVAILABLE"));

        assertThat(MEDIA_A.lastRequest()).isNull();
        assertThat(MEDIA_B.lastRequest()).isNull();
    }

    @Test
    void withoutRegisteredNodesTheConfiguredNodeIsUsed() {
        client.post().uri("/whip/endpoint").contentType(SDP).bodyValue(OFFER).exchange().expectStatus().isCreated();
        client.delete().uri("/whip/conn/node1-42").exchange().expectStatus().isOk();
        client.delete().uri("/whip/conn/whip-" + NodeIds.hex(NODE_A) + "-" + RANDOM).exchange()
                .expectStatus().isOk();

        assertThat(FALLBACK.lastRequest().path()).isEqualTo("/whip/conn/whip-00000101-" + RANDOM);
    }

    @Test
    void patchAndDeleteGoToTheNodeInTheId() {
        state.registerNode(node(NODE_A, MEDIA_A.baseUrl(), 0, false));
        // Draining nodes still serve their live sessions.
        state.registerNode(node(NODE_B, MEDIA_B.baseUrl(), 0, true));

        client.patch().uri("/whip/conn/whip-00000101-" + RANDOM)
                .contentType(MediaType.parseMediaType("application/trickle-ice-sdpfrag"))
                .bodyValue("a=ice-ufrag:ab\r\n").exchange()
                .expectStatus().isNoContent();
        assertThat(MEDIA_A.lastRequest().path()).isEqualTo("/whip/conn/whip-00000101-" + RANDOM);

        client.delete().uri("/whep/conn/whep-00000102-" + RANDOM).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("OK");
        FakeMediaNode.Received received = MEDIA_B.lastRequest();
        assertThat(received.method()).isEqualTo("DELETE");
        assertThat(received.path()).isEqualTo("/whep/conn/whep-00000102-" + RANDOM);
        assertThat(FALLBACK.lastRequest()).isNull();
    }

    @Test
    void aViewersSourceSwitchGoesToTheNodeInTheId() {
        state.registerNode(node(NODE_B, MEDIA_B.baseUrl(), 0, false));
        client.put().uri("/whep/conn/whep-00000102-" + RANDOM + "/source")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"peer\":\"carol\"}").exchange();
        FakeMediaNode.Received received = MEDIA_B.lastRequest();
        assertThat(received.method()).isEqualTo("PUT");
        assertThat(received.path()).isEqualTo("/whep/conn/whep-00000102-" + RANDOM + "/source");
        assertThat(received.body()).isEqualTo("{\"peer\":\"carol\"}");
    }

    @Test
    void unknownNodeOrIdWithoutNodeIs404InTheEnvelope() {
        state.registerNode(node(NODE_A, MEDIA_A.baseUrl(), 0, false));

        client.delete().uri("/whip/conn/whip-00000199-" + RANDOM).exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.status").isEqualTo(false)
                .jsonPath("$.error").value(e -> assertThat((String) e)
                        .isEqualTo("MEDIA_NODE_UNKNOWN: media node 00000199 is not in the cluster (it left or the"
                                + " session id is wrong)"));
        client.delete().uri("/whip/conn/node1-42").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e).startsWith("UNKNOWN_CONNECTION"));

        assertThat(MEDIA_A.lastRequest()).isNull();
        assertThat(FALLBACK.lastRequest()).isNull();
    }

    @Test
    void unreachableNodeStillGetsThe503OfTheErrorFilter() {
        state.registerNode(node(NODE_A, "http://127.0.0.1:" + freePort(), 0, false));

        client.post().uri("/whip/endpoint").contentType(SDP).bodyValue(OFFER).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e)
                        .startsWith("MEDIA_NODE_UNAVAILABLE"));
    }
}
