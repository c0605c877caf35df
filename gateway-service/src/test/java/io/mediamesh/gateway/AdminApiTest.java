package io.mediamesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** The admin API over a real cluster state: auth, listings, kick and close through the owning nodes, errors. */
class AdminApiTest extends ClusterGatewayTestBase {

    @BeforeEach
    void cluster() {
        state.registerNode(node(NODE_A, MEDIA_A.baseUrl(), 3, false));
        state.registerNode(node(NODE_B, MEDIA_B.baseUrl(), 0, true));
        state.putPeer(new PeerInfo("my room", "alice", NODE_A, PeerKind.WHIP, "whip-00000101-" + RANDOM));
        state.putTrack(new TrackInfo("my room", "alice", "video_main", TrackKind.VIDEO, 42, NODE_A, ""));
        state.putPeer(new PeerInfo("my room", "bob", NODE_B, PeerKind.WHEP, null));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
        "                                     | ADMIN_TOKEN_MISSING",
        "Bearer wrong                         | ADMIN_TOKEN_INVALID",
        "Bearer " + SECRET + "                | ADMIN_TOKEN_INVALID",
        "Basic " + ADMIN_SECRET + "           | ADMIN_TOKEN_MISSING",
    })
    void everyEndpointNeedsTheAdminSecret(String authorization, String code) {
        for (String path : new String[] {"/api/admin/nodes", "/api/admin/rooms", "/api/admin/rooms/x/peers"}) {
            var request = client.get().uri(path);
            if (authorization != null) {
                request = request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            request.exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .expectBody().jsonPath("$.status").isEqualTo(false)
                    .jsonPath("$.error").value(e -> assertThat((String) e).startsWith(code));
        }
        client.delete().uri("/api/admin/rooms/my room").exchange().expectStatus().isUnauthorized();
        assertThat(MEDIA_A.lastRequest()).isNull();
    }

    @Test
    void nodesShowZoneLoadAndDraining() {
        admin(HttpMethod.GET, "/api/admin/nodes")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo(true)
                .jsonPath("$.data.length()").isEqualTo(2)
                .jsonPath("$.data[0].id").isEqualTo("00000101")
                .jsonPath("$.data[0].zone").isEqualTo(1)
                .jsonPath("$.data[0].index").isEqualTo(1)
                .jsonPath("$.data[0].load.sessions").isEqualTo(3)
                .jsonPath("$.data[0].draining").isEqualTo(false)
                .jsonPath("$.data[0].eligible").isEqualTo(true)
                .jsonPath("$.data[0].httpUrl").isEqualTo(MEDIA_A.baseUrl())
                .jsonPath("$.data[1].id").isEqualTo("00000102")
                .jsonPath("$.data[1].draining").isEqualTo(true)
                .jsonPath("$.data[1].eligible").isEqualTo(false);
    }

    @Test
    void roomsAndPeersWithTheirTracks() {
        admin(HttpMethod.GET, "/api/admin/rooms")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[0].room").isEqualTo("my room")
                .jsonPath("$.data[0].peers").isEqualTo(2);

        admin(HttpMethod.GET, "/api/admin/rooms/my room/peers")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.length()").isEqualTo(2)
                .jsonPath("$.data[0].peer").isEqualTo("alice")
                .jsonPath("$.data[0].node").isEqualTo("00000101")
                .jsonPath("$.data[0].kind").isEqualTo("WHIP")
                .jsonPath("$.data[0].tracks[0].track").isEqualTo("video_main")
                .jsonPath("$.data[0].tracks[0].channelId").isEqualTo(42)
                .jsonPath("$.data[1].peer").isEqualTo("bob")
                .jsonPath("$.data[1].tracks.length()").isEqualTo(0);
    }

    @Test
    void unknownRoomPeerOrNodeIs404WithAReason() {
        admin(HttpMethod.GET, "/api/admin/rooms/nope/peers").expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e).startsWith("ROOM_NOT_FOUND"));
        admin(HttpMethod.DELETE, "/api/admin/rooms/my room/peers/carol").expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e).startsWith("PEER_NOT_FOUND"));
        admin(HttpMethod.DELETE, "/api/admin/rooms/nope").expectStatus().isNotFound();
        admin(HttpMethod.GET, "/api/admin/nodes/00000999/overlay").expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e).startsWith("NODE_NOT_FOUND"));
        admin(HttpMethod.GET, "/api/admin/nodes/xyz/overlay").expectStatus().isNotFound();
    }

    @Test
    void kickCallsTheOwningNodeWithTheClusterSecret() {
        admin(HttpMethod.DELETE, "/api/admin/rooms/my room/peers/alice")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.nodes[0]").isEqualTo("00000101");

        FakeMediaNode.Received received = MEDIA_A.lastRequest();
        assertThat(received.method()).isEqualTo("DELETE");
        assertThat(received.path()).isEqualTo("/internal/peers/my%20room/alice");
        assertThat(received.headers().getFirst("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(MEDIA_B.lastRequest()).isNull();
    }

    @Test
    void closeRoomCallsEveryNodeWithPeersInIt() {
        admin(HttpMethod.DELETE, "/api/admin/rooms/my room")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data.nodes.length()").isEqualTo(2);

        assertThat(MEDIA_A.lastRequest().path()).isEqualTo("/internal/rooms/my%20room");
        assertThat(MEDIA_B.lastRequest().path()).isEqualTo("/internal/rooms/my%20room");
    }

    @Test
    void failingOrVanishedNodeIs502() {
        MEDIA_A.internalStatus(500);
        admin(HttpMethod.DELETE, "/api/admin/rooms/my room/peers/alice")
                .expectStatus().isEqualTo(502)
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e)
                        .isEqualTo("MEDIA_NODE_FAILED: node 00000101 answered 500 to DELETE"
                                + " /internal/peers/my%20room/alice"));

        state.registerNode(node(NODE_B, "http://127.0.0.1:" + freePort(), 0, false));
        admin(HttpMethod.DELETE, "/api/admin/rooms/my room/peers/bob")
                .expectStatus().isEqualTo(502)
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e)
                        .startsWith("MEDIA_NODE_FAILED: node 00000102"));
    }

    @Test
    void overlayIsProxiedFromTheNode() {
        admin(HttpMethod.GET, "/api/admin/nodes/00000102/overlay")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo(true)
                .jsonPath("$.data.node").isEqualTo(MEDIA_B.baseUrl())
                .jsonPath("$.data.links").isArray();
        assertThat(MEDIA_B.lastRequest().headers().getFirst("Authorization")).isEqualTo("Bearer " + SECRET);
    }

    @Test
    void openApiDocumentDescribesTheAdminApi() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/admin/nodes'].get").exists()
                .jsonPath("$.paths['/api/admin/rooms/{room}/peers/{peer}'].delete").exists()
                .jsonPath("$.components.securitySchemes['admin-secret'].scheme").isEqualTo("bearer");
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    private ResponseSpec admin(HttpMethod method, String path) {
        return client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_SECRET)
                .exchange();
    }
}
