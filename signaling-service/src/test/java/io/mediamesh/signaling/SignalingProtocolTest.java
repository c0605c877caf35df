package io.mediamesh.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import io.mediamesh.model.cluster.PeerKick;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The SDK protocol over a real WebSocket against the real service with a real (single-member) Hazelcast cluster:
 * typed errors for malformed and out-of-order requests that leave the connection usable, join snapshots, room events
 * between two peers (joins, metadata, tracks, leaves), message channels, and the clean-up when a socket closes. The
 * media node side (offers, receivers) is exercised end to end with Chromium in e2e-tests; here a registered node that
 * does not answer shows how its failure is reported.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "mediamesh.signaling.secret=" + SignalingProtocolTest.SECRET,
    "mediamesh.signaling.zone=1",
    "mediamesh.signaling.stats-interval=0s",
    "mediamesh.cluster.bind-address=127.0.0.1",
    "mediamesh.cluster.port-auto-increment=false",
    "mediamesh.cluster.join-wait=0s"})
class SignalingProtocolTest {
    static final String SECRET = "signaling-test-secret-long-enough";
    private static final int HAZELCAST_PORT = freePort();
    private static final int DEAD_NODE_PORT = freePort();

    @LocalServerPort
    int port;

    @Autowired
    ClusterState state;

    private final TokenCodec tokens = new TokenCodec(SECRET);

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("mediamesh.cluster.cluster-name", () -> "signaling-test-" + UUID.randomUUID());
        registry.add("mediamesh.cluster.port", () -> HAZELCAST_PORT);
        registry.add("mediamesh.cluster.members", () -> "127.0.0.1:" + HAZELCAST_PORT);
    }

    @BeforeEach
    void registerANode() {
        int nodeId = NodeIds.of(1, 1);
        state.registerNode(new NodeInfo(nodeId, 1, "http://127.0.0.1:" + DEAD_NODE_PORT, List.of("127.0.0.1:10000"),
                null, NodeLoad.IDLE, false, System.currentTimeMillis()));
    }

    private String token(String room, String peer, String extra) {
        return tokens.issue(new TokenClaims(room, peer, TokenKind.WEBRTC, Instant.now().plusSeconds(600), extra));
    }

    @Test
    void malformedAndOutOfOrderRequestsGetTypedErrorsAndTheConnectionGoesOn() {
        try (SdkClient client = new SdkClient(port)) {
            JsonNode notJson = client.raw("{nope");
            assertThat(notJson.path("ok").asBoolean()).isFalse();
            assertThat(notJson.path("id").isNull()).isTrue();
            assertThat(notJson.path("error").path("code").asString()).isEqualTo("BAD_MESSAGE");
            assertThat(client.raw("[1,2]").path("error").path("code").asString()).isEqualTo("BAD_MESSAGE");
            JsonNode noType = client.raw("{\"id\":5}");
            assertThat(noType.path("id").asInt()).isEqualTo(5);
            assertThat(noType.path("error").path("message").asString()).contains("type");
            assertThat(client.raw("{\"v\":2,\"id\":6,\"type\":\"ping\"}").path("error").path("code").asString())
                    .isEqualTo("UNSUPPORTED_VERSION");
            assertThat(client.error("dance", "")).isEqualTo("UNKNOWN_TYPE");
            assertThat(client.error("join", "")).isEqualTo("NOT_CONNECTED");
            assertThat(client.error("connect", "\"token\":\"garbage\"")).isEqualTo("UNAUTHORIZED");
            String whip = tokens.issue(new TokenClaims("r1", "p", TokenKind.WHIP, Instant.now().plusSeconds(60), null));
            assertThat(client.error("connect", "\"token\":\"" + whip + "\"")).as("a WHIP token").isEqualTo("UNAUTHORIZED");
            assertThat(client.error("connect", "\"token\":\"" + token("r1", null, null) + "\"")).as("no peer")
                    .isEqualTo("INVALID_FIELD");
            assertThat(client.error("connect", "\"token\":\"" + token("r1", null, null) + "\",\"peer\":\"" + "p".repeat(200) + "\""))
                    .as("peer name too long").isEqualTo("TOO_LARGE");
            client.ok("connect", "\"token\":\"" + token("r1", null, null) + "\",\"peer\":\"erin\"");
            assertThat(client.error("connect", "\"token\":\"" + token("r1", "x", null) + "\""))
                    .isEqualTo("ALREADY_CONNECTED");
            assertThat(client.error("publisher.offer", "\"sdp\":\"v=0\"")).isEqualTo("NOT_JOINED");
            assertThat(client.error("join", "\"room\":\"other-room\"")).isEqualTo("FORBIDDEN");
            client.ok("join", "");
            assertThat(client.error("receiver.attach", "\"mid\":\"1\",\"peer\":\"x\",\"track\":\"camera\""))
                    .as("no subscriber connection yet").isEqualTo("NOT_FOUND");
            assertThat(client.error("message.publish", "\"label\":\"bad label!\",\"data\":1")).isEqualTo("INVALID_FIELD");
            assertThat(client.error("message.publish", "\"label\":\"chat\",\"data\":\"" + "x".repeat(20_000) + "\""))
                    .isEqualTo("TOO_LARGE");
            assertThat(client.error("publisher.offer", "\"sdp\":\"v=0\",\"senders\":[{\"mid\":\"0\",\"name\":\"a/b\"}]"))
                    .isEqualTo("INVALID_FIELD");
            // The chosen node is registered but does not answer: a typed error, not a hang or a closed socket.
            assertThat(client.error("publisher.offer", "\"sdp\":\"v=0\",\"senders\":[{\"mid\":\"0\",\"name\":\"cam\"}]"))
                    .isEqualTo("MEDIA_NODE_FAILED");
            assertThat(client.ok("ping", "").isObject()).isTrue();
        }
    }

    @Test
    void peersSeeEachOtherTheirMetadataTracksMessagesAndLeaving() {
        try (SdkClient alice = new SdkClient(port); SdkClient bob = new SdkClient(port)) {
            alice.ok("connect", "\"token\":\"" + token("r2", "alice", "{\"role\":\"host\"}") + "\"");
            JsonNode aliceJoined = alice.ok("join", "\"metadata\":{\"x\":1,\"y\":2}");
            assertThat(aliceJoined.path("room").asString()).isEqualTo("r2");
            assertThat(aliceJoined.path("node").asString()).isEqualTo(NodeIds.hex(NodeIds.of(1, 1)));
            assertThat(aliceJoined.path("peers").size()).isZero();

            bob.ok("connect", "\"token\":\"" + token("r2", "bob", null) + "\"");
            JsonNode bobJoined = bob.ok("join", "");
            assertThat(bobJoined.path("peers").size()).isEqualTo(1);
            JsonNode seenAlice = bobJoined.path("peers").get(0);
            assertThat(seenAlice.path("peer").asString()).isEqualTo("alice");
            assertThat(seenAlice.path("kind").asString()).isEqualTo("webrtc");
            assertThat(seenAlice.path("extra").path("role").asString()).as("token extra data").isEqualTo("host");
            assertThat(seenAlice.path("metadata").path("y").asInt()).isEqualTo(2);
            assertThat(alice.event("peer.joined").path("peer").asString()).isEqualTo("bob");

            bob.ok("peer.update", "\"metadata\":{\"x\":9}");
            JsonNode updated = alice.event("peer.updated");
            assertThat(updated.path("peer").asString()).isEqualTo("bob");
            assertThat(updated.path("metadata").path("x").asInt()).isEqualTo(9);

            // A track registered by a media node (here by hand) reaches both peers as events.
            state.putTrack(new TrackInfo("r2", "alice", "camera", TrackKind.VIDEO, 42L, NodeIds.of(1, 1), ""));
            assertThat(bob.event("track.started").path("track").asString()).isEqualTo("camera");
            assertThat(alice.event("sender.state").path("state").asString()).isEqualTo("active");
            state.removeTrack("r2", "alice", "camera");
            assertThat(bob.event("track.stopped").path("peer").asString()).isEqualTo("alice");

            bob.ok("message.subscribe", "\"label\":\"chat\"");
            alice.ok("message.publish", "\"label\":\"chat\",\"data\":{\"text\":\"hi\"}");
            JsonNode message = bob.event("message");
            assertThat(message.path("from").asString()).isEqualTo("alice");
            assertThat(message.path("data").path("text").asString()).isEqualTo("hi");
            assertThat(alice.drain(300)).as("alice did not subscribe to chat")
                    .noneMatch(e -> "message".equals(e.path("event").asString()));

            try (SdkClient impostor = new SdkClient(port)) {
                impostor.ok("connect", "\"token\":\"" + token("r2", "bob", null) + "\"");
                assertThat(impostor.error("join", "")).isEqualTo("PEER_EXISTS");
            }

            bob.ok("leave", "");
            assertThat(alice.event("peer.left").path("peer").asString()).isEqualTo("bob");
            assertThat(state.peer("r2", "bob")).isEmpty();
            assertThat(bob.error("message.publish", "\"label\":\"chat\",\"data\":1")).isEqualTo("NOT_JOINED");
        }
        // Closing the sockets removes the peers that were still in the room.
        await().atMost(Duration.ofSeconds(10)).until(() -> state.peer("r2", "alice").isEmpty());
        assertThat(state.peerDetails("r2")).isEmpty();
    }

    @Test
    void aKickedPeerIsToldWhyAndItsSocketClosesWhileTheOthersStay() {
        try (SdkClient alice = new SdkClient(port); SdkClient bob = new SdkClient(port)) {
            alice.ok("connect", "\"token\":\"" + token("r-kick", "alice", null) + "\"");
            alice.ok("join", "");
            bob.ok("connect", "\"token\":\"" + token("r-kick", "bob", null) + "\"");
            bob.ok("join", "");

            state.publishKick(new PeerKick("r-kick", "alice", "kicked through the admin API"));
            assertThat(alice.event("session.kicked").path("reason").asString())
                    .isEqualTo("kicked through the admin API");
            assertThat(alice.closedBy()).isEqualTo("4000 kicked through the admin API");
            assertThat(bob.event("peer.left").path("peer").asString()).isEqualTo("alice");
            await().atMost(Duration.ofSeconds(10)).until(() -> state.peer("r-kick", "alice").isEmpty());
            assertThat(bob.ok("ping", "")).as("bob stays connected").isNotNull();

            state.publishKick(new PeerKick("r-kick", null, "room closed through the admin API"));
            assertThat(bob.closedBy()).isEqualTo("4000 room closed through the admin API");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
