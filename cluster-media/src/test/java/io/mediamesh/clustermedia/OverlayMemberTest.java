package io.mediamesh.clustermedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mediamesh.cluster.ClusterConfig;
import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.HazelcastConfigFactory;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two members of one cluster on loopback, each with its own Hazelcast member and overlay port: a track one member
 * publishes is seen by the other's room watch, subscribed to through the overlay, and its RTP packets, sender reports
 * and keyframe requests cross; closing the publication withdraws the track.
 */
class OverlayMemberTest {
    private static final String SECRET = "overlay-member-test-secret";
    private final String clusterName = "test-" + UUID.randomUUID();
    private final int[] hazelcastPorts = {freeTcpPort(), freeTcpPort()};
    private HazelcastInstance hazelcastA;
    private HazelcastInstance hazelcastB;
    private OverlayMember memberA;
    private OverlayMember memberB;

    @BeforeEach
    void start() {
        hazelcastA = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config(0), 0x0101));
        hazelcastB = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.build(config(1), 0x0102));
        int portA = freeUdpPort();
        int portB = freeUdpPort();
        memberA = OverlayMember.start(new OverlaySettings(0x0101, portA, "127.0.0.1:" + portA, List.of(), Map.of(),
                SECRET), new ClusterState(hazelcastA, config(0), System::currentTimeMillis));
        memberB = OverlayMember.start(new OverlaySettings(0x0102, portB, "127.0.0.1:" + portB,
                List.of(new InetSocketAddress("127.0.0.1", portA)), Map.of(), SECRET),
                new ClusterState(hazelcastB, config(1), System::currentTimeMillis));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {memberA, memberB}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
        hazelcastA.getLifecycleService().terminate();
        hazelcastB.getLifecycleService().terminate();
    }

    @Test
    void publishedTrackIsWatchedSubscribedAndWithdrawn() throws Exception {
        List<TrackInfo> added = new CopyOnWriteArrayList<>();
        List<TrackInfo> removed = new CopyOnWriteArrayList<>();
        onLoop(memberB, () -> memberB.watchRoom("room-1", new RoomTracksListener() {
            @Override
            public void trackAdded(TrackInfo track) {
                added.add(track);
            }

            @Override
            public void trackRemoved(TrackInfo track) {
                removed.add(track);
            }
        }));
        AtomicInteger keyframeRequests = new AtomicInteger();
        ChannelPublication publication = onLoop(memberA, () -> {
            ChannelPublication p = memberA.publish("room-1", "encoder", "video", TrackKind.VIDEO,
                    "c,H264,102,90000,0,-1,packetization-mode=1");
            p.onKeyframeRequest(keyframeRequests::incrementAndGet);
            return p;
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> added.size() == 1);
        TrackInfo track = added.get(0);
        assertThat(track.sourceNodeId()).isEqualTo(0x0101);
        assertThat(track.media()).isEqualTo("c,H264,102,90000,0,-1,packetization-mode=1");

        List<Integer> sequences = new CopyOnWriteArrayList<>();
        List<Long> reports = new CopyOnWriteArrayList<>();
        ChannelSubscription subscription = onLoop(memberB, () -> memberB.subscribe(track, new ChannelReceiver() {
            @Override
            public void onRtp(ByteBuf rtp, long nowMicros) {
                sequences.add(rtp.getUnsignedShort(rtp.readerIndex() + 2));
            }

            @Override
            public void onSenderReport(long ntpTimestamp, long rtpTimestamp, long nowMicros) {
                reports.add(rtpTimestamp);
            }
        }));

        // The SUB needs the link and a route first: keep sending until packets arrive, as an encoder would.
        AtomicInteger sequence = new AtomicInteger(1000);
        ScheduledFuture<?> sender = memberA.loop().scheduleAtFixedRate(() -> {
            ByteBuf rtp = Unpooled.buffer(16).writeByte(0x80).writeByte(102).writeShort(sequence.getAndIncrement())
                    .writeInt(90_000).writeInt(0x1234_5678).writeInt(0x6742_0001);
            try {
                publication.sendRtp(rtp);
            } finally {
                rtp.release();
            }
            publication.sendSenderReport(0x0102_0304_0506_0708L, 90_000);
        }, 0, 20, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> sequences.size() >= 10 && !reports.isEmpty());
            // The subscription is soft state: it must keep flowing well past the overlay's refresh and dead timeouts.
            int before = sequences.size();
            Thread.sleep(6_000);
            assertThat(sequences.size() - before).as("packets in 6 s at 50/s").isGreaterThan(250);
        } finally {
            sender.cancel(false);
        }
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(reports).contains(90_000L);
        assertThat(onLoop(memberA, publication::hasSubscribers)).isTrue();

        onLoop(memberB, () -> {
            subscription.requestKeyframe();
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> keyframeRequests.get() >= 1);

        onLoop(memberA, () -> {
            publication.close();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> removed.size() == 1);
        assertThat(removed.get(0).channelId()).isEqualTo(track.channelId());
    }

    private static <T> T onLoop(OverlayMember member, Supplier<T> task) throws Exception {
        return CompletableFuture.supplyAsync(task, member.loop()).get(5, TimeUnit.SECONDS);
    }

    private ClusterConfig config(int index) {
        List<String> members = List.of("127.0.0.1:" + hazelcastPorts[0], "127.0.0.1:" + hazelcastPorts[1]);
        return new ClusterConfig(true, clusterName, "127.0.0.1", hazelcastPorts[index], false, members, null, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(10));
    }

    private static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
