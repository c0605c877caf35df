package io.mediamesh.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Registration, load heartbeats, re-registration, drain and removal against a real one-member cluster. */
class NodeRegistrationTest {

    private static HazelcastInstance member;
    private static ClusterState state;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final NodeIdentity identity = new NodeIdentity(4, 2, null);

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ClusterConfig config = new ClusterConfig(true, "node-test-" + UUID.randomUUID(), "127.0.0.1", port, false,
                List.of("127.0.0.1:" + port), null, 1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ZERO,
                null);
        member = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config, 0x402));
        state = new ClusterState(member, config, System::currentTimeMillis);
    }

    @AfterAll
    static void stop() {
        member.getLifecycleService().terminate();
    }

    @Test
    void lifecycleFromRegisterToRemoval() {
        NodeRegistration registration = new NodeRegistration(state, identity, identity.httpUrl(8081),
                List.of("10.0.0.4:10000"), "10.0.0.4:11000", sessions::get, () -> 2_000_000L, () -> 0.5, clock::get);

        registration.register();
        NodeInfo registered = state.node(0x402).orElseThrow();
        assertThat(registered.zone()).isEqualTo(4);
        assertThat(registered.httpUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(registered.webrtcCandidates()).containsExactly("10.0.0.4:10000");
        assertThat(registered.overlayAddress()).isEqualTo("10.0.0.4:11000");
        assertThat(registered.heartbeatMillis()).isEqualTo(1_000);

        sessions.set(7);
        clock.set(3_000);
        registration.heartbeat();
        assertThat(state.node(0x402).orElseThrow().load()).isEqualTo(new NodeLoad(0.5, 7, 2_000_000));
        assertThat(state.node(0x402).orElseThrow().heartbeatMillis()).isEqualTo(3_000);

        // Lost entry (expired during a long pause, or removed by mistake): the next beat puts it back.
        state.removeNode(0x402);
        registration.heartbeat();
        assertThat(state.node(0x402)).isPresent();

        registration.drain();
        registration.heartbeat();
        assertThat(state.node(0x402).orElseThrow().draining()).isTrue();
        state.removeNode(0x402);
        registration.heartbeat();
        assertThat(state.node(0x402).orElseThrow().draining()).as("re-registered while draining").isTrue();

        state.putPeer(new PeerInfo("room", "alice", 0x402, PeerKind.WHIP, null));
        registration.close();
        assertThat(state.node(0x402)).isEmpty();
        assertThat(state.peers("room")).as("owned entries go with the node").isEmpty();
    }

    @Test
    void startRegistersAndHeartbeatsOnItsOwnThread() throws InterruptedException {
        NodeIdentity other = new NodeIdentity(4, 3, null);
        NodeRegistration registration = new NodeRegistration(state, other, "http://127.0.0.1:9000", List.of(), null,
                sessions::get, () -> 0L, () -> 0.1, System::currentTimeMillis);
        try {
            registration.start();
            long first = state.node(0x403).orElseThrow().heartbeatMillis();
            sessions.set(3);
            Thread.sleep(NodeRegistration.HEARTBEAT.toMillis() + 700);
            NodeInfo later = state.node(0x403).orElseThrow();
            assertThat(later.heartbeatMillis()).isGreaterThan(first);
            assertThat(later.load().sessions()).isEqualTo(3);
        } finally {
            registration.close();
        }
        assertThat(state.node(0x403)).isEmpty();
    }
}
