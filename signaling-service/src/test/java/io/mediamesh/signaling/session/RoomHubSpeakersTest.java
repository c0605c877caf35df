package io.mediamesh.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.model.cluster.ActiveSpeakers;
import io.mediamesh.model.cluster.PeerDetails;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.RoomMessage;
import io.mediamesh.model.cluster.TrackInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hub passes a room's ranking to its members when who speaks changes, not on every refresh, and clears it. */
class RoomHubSpeakersTest {
    private static HazelcastInstance member;
    private static ClusterState state;
    private static RoomHub hub;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ClusterConfig config = new ClusterConfig(true, "hub-test-" + UUID.randomUUID(), "127.0.0.1", port, false,
                List.of("127.0.0.1:" + port), null, 1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ZERO,
                null);
        member = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config, null));
        state = new ClusterState(member, config, System::currentTimeMillis);
        hub = new RoomHub(state);
    }

    @AfterAll
    static void stop() {
        hub.close();
        member.getLifecycleService().terminate();
    }

    /** A member that records the rankings it gets as "peer,peer" lines ("" for nobody). */
    private static final class Listener implements RoomHub.Member {
        final BlockingQueue<String> rankings = new LinkedBlockingQueue<>();

        @Override
        public String peer() {
            return "carol";
        }

        @Override
        public void peerJoined(PeerInfo peer, PeerDetails details) {
        }

        @Override
        public void peerLeft(PeerInfo peer) {
        }

        @Override
        public void peerUpdated(PeerDetails details) {
        }

        @Override
        public void trackStarted(TrackInfo track) {
        }

        @Override
        public void trackStopped(TrackInfo track) {
        }

        @Override
        public void message(RoomMessage message) {
        }

        @Override
        public void activeSpeakers(ActiveSpeakers speakers) {
            rankings.add(String.join(",", speakers.peers()));
        }

        String next() throws InterruptedException {
            return rankings.poll(10, TimeUnit.SECONDS);
        }
    }

    private static ActiveSpeakers ranking(String room, String... peers) {
        return new ActiveSpeakers(room, peers, new int[peers.length], 1);
    }

    @Test
    void passesChangesOnlyAndClearsAnExpiredRanking() throws Exception {
        Listener carol = new Listener();
        hub.register("hub-room", carol);
        state.putActiveSpeakers(ranking("hub-room", "alice"), 60_000);
        assertThat(carol.next()).isEqualTo("alice");
        state.putActiveSpeakers(ranking("hub-room", "alice"), 60_000); // the ranker's refresh: same order
        state.putActiveSpeakers(ranking("hub-room", "bob", "alice"), 60_000);
        assertThat(carol.next()).as("the refresh was not passed on").isEqualTo("bob,alice");
        state.putActiveSpeakers(ranking("other-room", "dave"), 60_000);
        state.putActiveSpeakers(ranking("hub-room", "bob", "alice"), 1_000); // last refresh, then it expires
        assertThat(carol.next()).as("the room's last audio publisher left: nobody speaks").isEmpty();
        assertThat(carol.rankings.poll(500, TimeUnit.MILLISECONDS)).as("other rooms' rankings").isNull();
        hub.unregister("hub-room", carol);
    }

    @Test
    void aMemberThatRegistersGetsTheCurrentRankingAtOnce() throws Exception {
        Listener early = new Listener();
        hub.register("late-room", early);
        state.putActiveSpeakers(ranking("late-room", "erin"), 60_000);
        assertThat(early.next()).isEqualTo("erin");
        Listener late = new Listener();
        hub.register("late-room", late);
        assertThat(late.rankings.poll()).isEqualTo("erin");
        hub.unregister("late-room", early);
        hub.unregister("late-room", late);
    }
}
