package io.mediamesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.model.cluster.RoomInfo;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed API on one member: registry, heartbeats, draining, room counting, peers with their tracks. */
class ClusterStateTest {

    private static final int NODE_A = NodeIds.of(1, 1);
    private static final int NODE_B = NodeIds.of(2, 7);

    private static EmbeddedMembers members;
    private static HazelcastInstance member;
    private static final AtomicLong clock = new AtomicLong(1_000);
    private static ClusterState state;

    @BeforeAll
    static void start() {
        members = new EmbeddedMembers(1);
        member = members.start(0, null);
        state = new ClusterState(member, members.config(0), clock::get);
    }

    @AfterAll
    static void stop() {
        members.close();
    }

    @BeforeEach
    void empty() {
        clock.set(1_000);
        state.removeNode(NODE_A);
        state.removeNode(NODE_B);
        assertThat(state.nodes()).isEmpty();
        assertThat(state.listRooms()).isEmpty();
    }

    @Test
    void nodeRegistersHeartbeatsDrainsAndLeaves() {
        state.registerNode(node(NODE_A, 1));
        clock.set(5_000);

        assertThat(state.heartbeat(NODE_A, new NodeLoad(0.25, 4, 1_000_000), clock.get())).isTrue();

        NodeInfo stored = state.node(NODE_A).orElseThrow();
        assertThat(stored.heartbeatMillis()).isEqualTo(5_000);
        assertThat(stored.load()).isEqualTo(new NodeLoad(0.25, 4, 1_000_000));
        assertThat(stored.webrtcCandidates()).containsExactly("127.0.0.1:10000");
        assertThat(stored.overlayAddress()).isEqualTo("127.0.0.1:11000");

        assertThat(state.markDraining(NODE_A)).isTrue();
        assertThat(state.heartbeat(NODE_A, NodeLoad.IDLE, clock.get())).isTrue();
        assertThat(state.node(NODE_A).orElseThrow().draining()).as("a heartbeat keeps the flag").isTrue();

        state.removeNode(NODE_A);
        assertThat(state.node(NODE_A)).isEmpty();
        assertThat(state.heartbeat(NODE_A, NodeLoad.IDLE, clock.get())).as("must register again").isFalse();
        assertThat(state.markDraining(NODE_A)).isFalse();
    }

    @Test
    void roomsCountPeersAcrossNodesAndVanishWithTheLast() {
        state.registerNode(node(NODE_A, 1));
        state.registerNode(node(NODE_B, 2));
        state.putPeer(new PeerInfo("demo", "alice", NODE_A, PeerKind.WHIP, "whip-x"));
        clock.set(9_000);
        state.putPeer(new PeerInfo("demo", "bob", NODE_B, PeerKind.WHEP, "whep-y"));
        state.putPeer(new PeerInfo("demo", "bob", NODE_B, PeerKind.WHEP, "whep-z"));
        state.putPeer(new PeerInfo("other", "carol", NODE_B, PeerKind.WHIP, null));

        assertThat(state.listRooms()).containsExactly(new RoomInfo("demo", 2, 1_000), new RoomInfo("other", 1, 9_000));
        assertThat(state.peers("demo")).extracting(PeerInfo::peer, PeerInfo::connectionId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "whip-x"),
                        org.assertj.core.groups.Tuple.tuple("bob", "whep-z"));

        assertThat(state.removePeer("demo", "alice")).isPresent();
        assertThat(state.removePeer("demo", "alice")).as("second removal").isEmpty();
        assertThat(state.room("demo").orElseThrow().peers()).isEqualTo(1);

        state.removePeer("demo", "bob");
        assertThat(state.room("demo")).isEmpty();
        assertThat(state.listRooms()).extracting(RoomInfo::room).containsExactly("other");
    }

    @Test
    void tracksBelongToTheirPeer() {
        state.registerNode(node(NODE_A, 1));
        state.putPeer(new PeerInfo("demo", "alice", NODE_A, PeerKind.WHIP, null));
        state.putTrack(new TrackInfo("demo", "alice", "video_main", TrackKind.VIDEO, 0x1234_5678_9abcL, NODE_A, ""));
        state.putTrack(new TrackInfo("demo", "alice", "audio_main", TrackKind.AUDIO, 77, NODE_A, ""));
        state.putTrack(new TrackInfo("demox", "alice", "audio_main", TrackKind.AUDIO, 78, NODE_A, ""));

        assertThat(state.tracks("demo")).extracting(TrackInfo::track, TrackInfo::channelId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("audio_main", 77L),
                        org.assertj.core.groups.Tuple.tuple("video_main", 0x1234_5678_9abcL));
        assertThat(state.removeTrack("demo", "alice", "audio_main")).isTrue();
        assertThat(state.removeTrack("demo", "alice", "audio_main")).isFalse();

        state.removePeer("demo", "alice");
        assertThat(state.tracks("demo")).as("removed with the peer").isEmpty();
        assertThat(state.tracks("demox")).hasSize(1);
    }

    @Test
    void removingANodeRemovesWhatItOwns() {
        state.registerNode(node(NODE_A, 1));
        state.registerNode(node(NODE_B, 2));
        state.putPeer(new PeerInfo("demo", "alice", NODE_A, PeerKind.WHIP, null));
        state.putTrack(new TrackInfo("demo", "alice", "audio_main", TrackKind.AUDIO, 1, NODE_A, ""));
        state.putPeer(new PeerInfo("demo", "bob", NODE_B, PeerKind.WHEP, null));

        state.removeNode(NODE_A);

        assertThat(state.nodes()).extracting(NodeInfo::nodeId).containsExactly(NODE_B);
        assertThat(state.peers("demo")).extracting(PeerInfo::peer).containsExactly("bob");
        assertThat(state.tracks("demo")).isEmpty();
        assertThat(state.room("demo").orElseThrow().peers()).isEqualTo(1);
    }

    @Test
    void sweepRemovesEntriesOfUnregisteredNodesAndFixesCounts() {
        state.registerNode(node(NODE_B, 2));
        // NODE_A never registered (or its entry expired): its peer and track are orphans.
        state.putPeer(new PeerInfo("demo", "ghost", NODE_A, PeerKind.WHIP, null));
        state.putTrack(new TrackInfo("demo", "ghost", "audio_main", TrackKind.AUDIO, 1, NODE_A, ""));
        state.putPeer(new PeerInfo("demo", "bob", NODE_B, PeerKind.WHEP, null));
        // A track whose peer entry is already gone (say its node died half-way through a removal).
        state.putTrack(new TrackInfo("demo", "gone", "video_main", TrackKind.VIDEO, 2, NODE_A, ""));

        assertThat(state.removeOrphans()).as("one peer (with its track) and one stray track").isEqualTo(2);

        assertThat(state.peers("demo")).extracting(PeerInfo::peer).containsExactly("bob");
        assertThat(state.tracks("demo")).isEmpty();
        assertThat(state.room("demo").orElseThrow().peers()).isEqualTo(1);
        assertThat(state.removeOrphans()).isZero();
    }

    private static NodeInfo node(int nodeId, int last) {
        return new NodeInfo(nodeId, NodeIds.zone(nodeId), "http://127.0.0." + last + ":8081",
                List.of("127.0.0.1:10000"), "127.0.0.1:11000", NodeLoad.IDLE, false, clock.get());
    }

    @Test
    void audioLevelReportsReachWatchersWithTheirArrays() throws Exception {
        java.util.concurrent.BlockingQueue<io.mediamesh.model.cluster.AudioLevelReport> seen =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (AutoCloseable watch = state.watchAudioLevels(seen::add)) {
            state.publishAudioLevels(new io.mediamesh.model.cluster.AudioLevelReport("r1", NODE_A,
                    new String[] {"alice", "bob"}, new int[] {12, 127}, new boolean[] {true, false}));
            var report = seen.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(report).isNotNull();
            assertThat(report.nodeId()).isEqualTo(NODE_A);
            assertThat(report.peers()).containsExactly("alice", "bob");
            assertThat(report.levels()).containsExactly(12, 127);
            assertThat(report.voice()).containsExactly(true, false);
        }
    }

    @Test
    void activeSpeakersAreStoredWatchedAndExpire() throws Exception {
        java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
        try (AutoCloseable watch = state.watchActiveSpeakers(s -> events.add("put " + String.join(",", s.peers())),
                s -> events.add("gone " + s.room()))) {
            state.putActiveSpeakers(new io.mediamesh.model.cluster.ActiveSpeakers("r2", new String[] {"bob", "alice"},
                    new int[] {-10, -30}, NODE_A), 1_000);
            assertThat(events.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("put bob,alice");
            assertThat(state.activeSpeakers("r2").orElseThrow().levels()).containsExactly(-10, -30);
            assertThat(events.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("gone r2");
            assertThat(state.activeSpeakers("r2")).isEmpty();
        }
    }
}
