package io.mediamesh.node.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.core.audio.ActiveSpeakerDetector;
import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RemoteStream;
import io.mediamesh.core.sdp.RtpExtensionUris;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.model.cluster.ActiveSpeakers;
import io.mediamesh.node.room.FixedPublisher;
import io.mediamesh.node.room.Publisher;
import io.mediamesh.node.room.Room;
import io.mediamesh.node.room.RoomDirectory;
import io.mediamesh.node.session.NodeMetrics;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' exchanges over a real (embedded) Hazelcast member and real event loops, stepped 300 ms at a time on a
 * test clock: alice publishes on node 1, bob on node 2, each node reports its own publisher's RFC 6464 levels (read
 * from real packets), both rank the room, and the lowest node id stores the ranking.
 */
class ActiveSpeakerExchangeTest {
    private static final String ROOM = "exchange-room";
    private static final int AUDIO_LEVEL_ID = 1;
    private static HazelcastInstance member;
    private static ClusterState state;

    private final AtomicLong clock = new AtomicLong(10_000);
    private final EventLoop loop = new DefaultEventLoop();
    private final NodeMetrics metrics = new NodeMetrics(new SimpleMeterRegistry());
    private final RoomDirectory rooms1 = new RoomDirectory(() -> clock.get() * 1000);
    private final RoomDirectory rooms2 = new RoomDirectory(() -> clock.get() * 1000);
    private final ActiveSpeakerExchange node1 = new ActiveSpeakerExchange(state, 1, loop, Runnable::run, rooms1,
            clock::get, metrics);
    private final ActiveSpeakerExchange node2 = new ActiveSpeakerExchange(state, 2, loop, Runnable::run, rooms2,
            clock::get, metrics);
    private final AtomicInteger reportsSeen = new AtomicInteger();
    private int reportsSent;
    private AutoCloseable watch;
    private int sequence;

    @BeforeAll
    static void startMember() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ClusterConfig config = new ClusterConfig(true, "speakers-test-" + UUID.randomUUID(), "127.0.0.1", port, false,
                List.of("127.0.0.1:" + port), null, 1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ZERO,
                null);
        member = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config, 0x1));
        state = new ClusterState(member, config, System::currentTimeMillis);
    }

    @AfterAll
    static void stopMember() {
        member.getLifecycleService().terminate();
    }

    @AfterEach
    void stopLoop() throws Exception {
        if (watch != null) {
            watch.close();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** A local publisher with one audio track that negotiated the audio-level extension as id 1. */
    private static Publisher audioPublisher(String peer, EventLoop loop) {
        return new FixedPublisher(peer, List.of(new PublishedTrack(peer, "mic", new NegotiatedMedia(0, "0",
                MediaKind.AUDIO, "recvonly", List.of(new NegotiatedCodec("opus", 111, 48000, 2, "", -1, List.of())),
                ExtensionIds.of(Map.of(RtpExtensionUris.SSRC_AUDIO_LEVEL, AUDIO_LEVEL_ID)),
                List.of(new RemoteStream(peer.hashCode() & 0xffff, -1, null, "cn")), List.of(), false, null, -1, -1),
                loop, 0)));
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(10, TimeUnit.SECONDS);
    }

    /** 15 packets (300 ms of 20 ms Opus frames) at {@code level} through the publisher's track. */
    private void send(Publisher publisher, int level) {
        PublishedTrack track = publisher.tracks().get(0);
        RtpPacketView view = new RtpPacketView();
        for (int i = 0; i < 15; i++) {
            ByteBuf packet = Unpooled.buffer();
            int seq = ++sequence & 0xffff;
            packet.writeByte(0x90).writeByte(111).writeShort(seq).writeInt(seq * 960).writeInt((int) track.ssrc());
            packet.writeShort(0xBEDE).writeShort(1).writeByte(AUDIO_LEVEL_ID << 4).writeByte(0x80 | level)
                    .writeShort(0);
            packet.writeBytes(new byte[] {(byte) 0xfc, (byte) 0xff, (byte) 0xfe});
            track.onRtp(packet, view.wrap(packet), clock.get() * 1000);
        }
    }

    /** One 300 ms window: packets at these levels (null: that publisher is gone), both ticks, all reports applied. */
    private void step(Publisher alice, int aliceLevel, Publisher bob, int bobLevel) throws Exception {
        clock.addAndGet(ActiveSpeakerExchange.REPORT_MILLIS);
        onLoop(() -> {
            if (alice != null) {
                send(alice, aliceLevel);
            }
            send(bob, bobLevel);
            node1.tick();
            node2.tick();
            return null;
        });
        reportsSent += (alice != null ? 1 : 0) + 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reportsSeen.get() < reportsSent && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(reportsSeen.get()).as("every report came back through the topic").isEqualTo(reportsSent);
        onLoop(() -> null); // the reports' apply tasks ran
    }

    private List<String> ranked(ActiveSpeakerExchange node) throws Exception {
        return onLoop(() -> node.ranking(ROOM).stream().map(ActiveSpeakerDetector.Speaker::id).toList());
    }

    @Test
    void bothNodesRankTheRoomAndTheLowestIdStoresItUntilItLeaves() throws Exception {
        watch = state.watchAudioLevels(report -> {
            node1.onReport(report);
            node2.onReport(report);
            reportsSeen.incrementAndGet();
        });
        Publisher alice = audioPublisher("alice", loop);
        Publisher bob = audioPublisher("bob", loop);
        Room room1 = onLoop(() -> rooms1.room(ROOM));
        onLoop(() -> {
            room1.addPublisher(alice);
            rooms2.room(ROOM).addPublisher(bob);
            return null;
        });

        for (int i = 0; i < 8; i++) {
            step(alice, 10, bob, 127);
        }
        assertThat(ranked(node1)).containsExactly("alice");
        assertThat(ranked(node2)).as("every reporting node ranks the room").containsExactly("alice");
        ActiveSpeakers stored = state.activeSpeakers(ROOM).orElseThrow();
        assertThat(stored.peers()).containsExactly("alice");
        assertThat(stored.levels()[0]).isBetween(-14, -8);
        assertThat(stored.rankerNodeId()).isEqualTo(1);

        for (int i = 0; i < 8; i++) {
            step(alice, 127, bob, 20);
        }
        assertThat(state.activeSpeakers(ROOM).orElseThrow().peers()).containsExactly("bob");

        // alice leaves: node 1 no longer reports on the room; node 2 takes over the ranking once node 1 is silent
        // for the reporter timeout, and forgets alice.
        onLoop(() -> {
            room1.removePublisher(alice);
            return null;
        });
        for (int i = 0; i < 8; i++) {
            step(null, 0, bob, 20);
        }
        assertThat(ranked(node1)).isEmpty();
        ActiveSpeakers takenOver = state.activeSpeakers(ROOM).orElseThrow();
        assertThat(takenOver.rankerNodeId()).isEqualTo(2);
        assertThat(takenOver.peers()).containsExactly("bob");
    }

    @Test
    void malformedLevelElementsAreCounted() throws Exception {
        Publisher carol = audioPublisher("carol", loop);
        onLoop(() -> {
            rooms1.room(ROOM + "-2").addPublisher(carol);
            PublishedTrack track = carol.tracks().get(0);
            ByteBuf packet = Unpooled.buffer();
            packet.writeByte(0x90).writeByte(111).writeShort(1).writeInt(960).writeInt((int) track.ssrc());
            packet.writeShort(0xBEDE).writeShort(1).writeByte((AUDIO_LEVEL_ID << 4) | 1).writeByte(0x8a)
                    .writeByte(0x8a).writeByte(0); // level element of 2 bytes
            packet.writeByte(0xfc);
            assertThat(track.onRtp(packet, new RtpPacketView().wrap(packet), 0)).as("still forwarded").isTrue();
            node1.tick();
            return null;
        });
        assertThat(metrics.droppedCount("audio-level-malformed")).isEqualTo(1);
    }
}
