package io.mediamesh.clustermedia;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.TrackListener;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import io.mediamesh.overlay.OverlayConfig;
import io.mediamesh.overlay.OverlayNode;
import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.Feedback;
import io.mediamesh.overlay.wire.NodeId;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.collection.LongObjectHashMap;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's membership in the overlay, for services that publish or play tracks without being media nodes (RTMP
 * ingest, SIP gateway): binds the overlay port on one NIO event loop, drives the sans-IO {@link OverlayNode}, and
 * offers {@link #publish}, {@link #subscribe} and {@link #watchRoom}. Tracks go into the cluster's track map like a
 * media node's, so every node relays them to its viewers; the member never enters the node registry, so gateways
 * never send WebRTC sessions to it.
 *
 * <p>Threading: every method and callback runs on {@link #loop()} (methods called from elsewhere must be handed over
 * with {@code loop().execute}); Hazelcast calls run on one {@code cluster-io} thread, in order.
 */
public final class OverlayMember implements OverlayListener, TrackListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OverlayMember.class);

    private final OverlaySettings settings;
    private final ClusterState state;
    private final EventLoopGroup ownedGroup;
    private final EventLoop loop;
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final ExecutorService clusterIo = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "overlay-member-io");
        thread.setDaemon(true);
        return thread;
    });
    private final LongObjectHashMap<ChannelPublication> publications = new LongObjectHashMap<>();
    private final LongObjectHashMap<ChannelSubscription> subscriptions = new LongObjectHashMap<>();
    private final Map<String, List<RoomTracksListener>> watchers = new HashMap<>();
    private OverlayDriver driver;
    private Channel channel;
    private AutoCloseable trackWatch;

    private OverlayMember(OverlaySettings settings, ClusterState state, EventLoopGroup ownedGroup, EventLoop loop) {
        this.settings = settings;
        this.state = state;
        this.ownedGroup = ownedGroup;
        this.loop = loop;
    }

    /** Starts a member on its own one-thread NIO event loop. */
    public static OverlayMember start(OverlaySettings settings, ClusterState state) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread thread = new Thread(r, "overlay-member");
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
        try {
            return start(settings, state, group, group);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Starts a member on one loop of {@code nioGroup} (a group with NIO I/O handlers), e.g. the group that also runs the
     * service's own connections, so packets need no thread hop.
     */
    public static OverlayMember start(OverlaySettings settings, ClusterState state, EventLoopGroup nioGroup) {
        return start(settings, state, nioGroup, null);
    }

    private static OverlayMember start(OverlaySettings settings, ClusterState state, EventLoopGroup group,
            EventLoopGroup owned) {
        OverlayMember member = new OverlayMember(settings, state, owned, group.next());
        member.bind();
        return member;
    }

    private void bind() {
        long offset = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;
        OverlayConfig config = OverlayConfig.of(new NodeId(settings.nodeId()), settings.secretBytes(),
                settings.advertisedAddress(), settings.seeds());
        OverlayNode engine = new OverlayNode(config, System.nanoTime() / 1000 + offset);
        driver = new OverlayDriver(engine, loop, settings.linkDelaysMicros(), settings.linkLoss(), offset);
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20)
                .option(ChannelOption.ALLOCATOR, allocator).handler(driver);
        try {
            channel = bootstrap.bind(new InetSocketAddress(settings.port())).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot bind overlay UDP port " + settings.port() + ": " + e.getMessage(),
                    e);
        }
        CompletableFuture.runAsync(() -> driver.start(channel, this), loop).join();
        trackWatch = state.watchTracks(this);
        log.info("overlay member up: {} at {} (seeds {})", new NodeId(settings.nodeId()),
                settings.advertisedAddress(), settings.seeds());
    }

    /** The event loop that owns this member: call every method on it. */
    public EventLoop loop() {
        return loop;
    }

    /** The member's clock in microseconds (wall-clock based, never goes back across restarts). */
    public long nowMicros() {
        return driver.nowMicros();
    }

    /** This member's overlay node id. */
    public int nodeId() {
        return settings.nodeId();
    }

    /** The bound overlay port (useful when the settings asked for port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    OverlayDriver driver() {
        return driver;
    }

    /** The engine, for snapshots (links, routes, channels). Event loop only. */
    public OverlayNode engine() {
        return driver.engine();
    }

    /**
     * Publishes a track of {@code peer} into {@code room}: registers it in the cluster (channel id from room, peer and
     * track) so nodes with viewers in the room subscribe to it.
     *
     * @param mediaDescriptor the codecs in media-core's {@code MediaDescriptor} text form
     */
    public ChannelPublication publish(String room, String peer, String track, TrackKind kind, String mediaDescriptor) {
        ChannelId channel = ChannelId.of(room, peer, track);
        TrackInfo info = new TrackInfo(room, peer, track, kind, channel.value(), settings.nodeId(), mediaDescriptor);
        ChannelPublication previous = publications.get(channel.value());
        if (previous != null) {
            publications.remove(channel.value());
        }
        ChannelPublication publication = new ChannelPublication(this, info, allocator);
        publications.put(channel.value(), publication);
        clusterIo.execute(() -> state.putTrack(info));
        return publication;
    }

    void unpublished(ChannelPublication publication) {
        TrackInfo info = publication.info();
        if (publications.get(info.channelId()) == publication) {
            publications.remove(info.channelId());
            clusterIo.execute(() -> state.removeTrack(info.room(), info.peer(), info.track()));
        }
    }

    /**
     * Lists {@code peer} in {@code room} as a participant owned by this member (the admin API shows it; it goes when
     * this member leaves the cluster). {@code connectionId} may be null.
     */
    public void joinPeer(String room, String peer, PeerKind kind, String connectionId) {
        PeerInfo info = new PeerInfo(room, peer, settings.nodeId(), kind, connectionId);
        clusterIo.execute(() -> state.putPeer(info));
    }

    /** Removes the participant, unless a newer connection ({@code connectionId} differs) took its entry meanwhile. */
    public void leavePeer(String room, String peer, String connectionId) {
        clusterIo.execute(() -> state.peer(room, peer)
                .filter(current -> current.nodeId() == settings.nodeId()
                        && java.util.Objects.equals(current.connectionId(), connectionId))
                .ifPresent(current -> state.removePeer(room, peer)));
    }

    /** Subscribes to a track published on another member or node; packets reach {@code receiver} on the loop. */
    public ChannelSubscription subscribe(TrackInfo track, ChannelReceiver receiver) {
        ChannelSubscription subscription = new ChannelSubscription(this, track, receiver);
        ChannelSubscription previous = subscriptions.put(track.channelId(), subscription);
        if (previous == null) {
            driver.subscribe(new ChannelId(track.channelId()), new NodeId(track.sourceNodeId()));
        }
        return subscription;
    }

    void unsubscribed(ChannelSubscription subscription) {
        long channel = subscription.track().channelId();
        if (subscriptions.get(channel) == subscription) {
            subscriptions.remove(channel);
            driver.unsubscribe(new ChannelId(channel));
        }
    }

    /**
     * Watches the tracks of {@code room}: the listener first gets every track already there, then changes. Tracks this
     * member publishes itself are included (filter on {@link TrackInfo#sourceNodeId()} if needed).
     *
     * @return closing it stops the watch
     */
    public AutoCloseable watchRoom(String room, RoomTracksListener listener) {
        watchers.computeIfAbsent(room, r -> new ArrayList<>()).add(listener);
        clusterIo.execute(() -> {
            List<TrackInfo> existing = state.tracks(room);
            onLoop(() -> {
                if (watchers.getOrDefault(room, List.of()).contains(listener)) {
                    existing.forEach(listener::trackAdded);
                }
            });
        });
        return () -> onLoop(() -> {
            List<RoomTracksListener> list = watchers.get(room);
            if (list != null && list.remove(listener) && list.isEmpty()) {
                watchers.remove(room);
            }
        });
    }

    // ---- overlay and cluster callbacks ----

    @Override
    public void onChannelData(ChannelId channel, ByteBuf payload, long nowMicros) {
        try {
            ChannelSubscription subscription = subscriptions.get(channel.value());
            if (subscription == null || !payload.isReadable()) {
                return;
            }
            int type = payload.readUnsignedByte();
            if (type == ChannelPayloads.RTP) {
                subscription.receiver().onRtp(payload, nowMicros);
            } else if (type == ChannelPayloads.SENDER_REPORT
                    && payload.readableBytes() >= ChannelPayloads.SENDER_REPORT_LENGTH - 1) {
                subscription.receiver().onSenderReport(payload.readLong(), payload.readUnsignedInt(), nowMicros);
            }
        } catch (RuntimeException e) {
            log.warn("channel {} receiver failed: {}", channel, e.toString());
        } finally {
            payload.release();
        }
    }

    @Override
    public void onFeedback(ChannelId channel, int kind, int count, long value, long nowMicros) {
        ChannelPublication publication = publications.get(channel.value());
        if (publication != null && kind == Feedback.KIND_KEYFRAME_REQUEST) {
            publication.keyframeRequested();
        }
    }

    @Override
    public void trackAdded(TrackInfo track) {
        onLoop(() -> {
            for (RoomTracksListener listener : List.copyOf(watchers.getOrDefault(track.room(), List.of()))) {
                listener.trackAdded(track);
            }
        });
    }

    @Override
    public void trackRemoved(TrackInfo track) {
        onLoop(() -> {
            for (RoomTracksListener listener : List.copyOf(watchers.getOrDefault(track.room(), List.of()))) {
                listener.trackRemoved(track);
            }
        });
    }

    private void onLoop(Runnable task) {
        if (loop.isShuttingDown()) {
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("cluster event after shutdown ignored");
        }
    }

    /** Withdraws every track this member published, closes the port and, if it owns it, the event loop. */
    @Override
    public void close() {
        if (trackWatch != null) {
            try {
                trackWatch.close();
            } catch (Exception e) {
                log.debug("stopping the track watch: {}", e.toString());
            }
        }
        if (!loop.isShuttingDown()) {
            CompletableFuture.runAsync(() -> {
                for (ChannelPublication publication : List.copyOf(publications.values())) {
                    publication.close();
                }
                for (ChannelSubscription subscription : List.copyOf(subscriptions.values())) {
                    subscription.close();
                }
            }, loop).join();
        }
        clusterIo.shutdown();
        try {
            clusterIo.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
