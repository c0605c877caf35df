package io.mediamesh.node.relay;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.node.cluster.NodeIdentity;
import io.mediamesh.clustermedia.OverlayDriver;
import io.mediamesh.clustermedia.OverlaySettings;
import io.mediamesh.node.overlay.OverlayProperties;
import io.mediamesh.node.room.RoomDirectory;
import io.mediamesh.node.session.SessionEnvironment;
import io.mediamesh.node.udp.UdpTransport;
import io.mediamesh.overlay.OverlayConfig;
import io.mediamesh.overlay.OverlayNode;
import io.mediamesh.overlay.wire.NodeId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media node's membership in the cluster, started with the node when {@code mediamesh.cluster.enabled=true}:
 * the overlay port and its driver, the {@link ClusterRelay} between rooms and the overlay, the Hazelcast track watch,
 * and the peer registry. Blocking cluster calls run on one {@code cluster-io} thread, in order.
 */
public final class ClusterLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterLink.class);

    private final ClusterState state;
    private final NodeIdentity identity;
    private final OverlayProperties properties;
    private final String clusterSecret;
    private final ExecutorService clusterIo = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "cluster-io");
        thread.setDaemon(true);
        return thread;
    });
    private OverlayDriver driver;
    private String overlayAddress;
    private AutoCloseable trackWatch;
    private AutoCloseable levelWatch;

    public ClusterLink(ClusterState state, NodeIdentity identity, OverlayProperties properties, String clusterSecret) {
        if (identity.nodeId() == 0) {
            throw new IllegalArgumentException(
                    "node id 0 is reserved by the overlay: set mediamesh.node.index (1-255) or mediamesh.node.zone");
        }
        this.state = state;
        this.identity = identity;
        this.properties = properties;
        this.clusterSecret = clusterSecret;
    }

    /** Binds the overlay port on the sessions' event loop and joins rooms to the cluster. */
    public void start(UdpTransport transport, SessionEnvironment environment, RoomDirectory rooms,
            List<InetSocketAddress> candidates) {
        overlayAddress = properties.advertisedAddress().isBlank()
                ? candidates.get(0).getAddress().getHostAddress() + ":" + properties.port()
                : properties.advertisedAddress();
        OverlaySettings settings = new OverlaySettings(identity.nodeId(), properties.port(), overlayAddress,
                OverlaySettings.parseAddresses(properties.seeds()),
                OverlaySettings.parseDelays(properties.linkDelays()), clusterSecret,
                OverlaySettings.parseLoss(properties.linkLoss()));
        OverlayConfig config = OverlayConfig.of(new NodeId(identity.nodeId()), settings.secretBytes(), overlayAddress,
                settings.seeds());
        long offset = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;
        OverlayNode engine = new OverlayNode(config, System.nanoTime() / 1000 + offset);
        driver = new OverlayDriver(engine, transport.loop(), settings.linkDelaysMicros(), settings.linkLoss(), offset);
        ClusterRelay relay = new ClusterRelay(state, driver, identity.nodeId(), transport.loop(), clusterIo, rooms,
                environment.allocator(), environment.metrics(), environment.retransmissionCachePackets(),
                environment::nowMicros);
        var channel = transport.bindOnSameLoop(properties.port(), driver);
        CompletableFuture.runAsync(() -> {
            rooms.observe(relay);
            driver.start(channel, relay);
        }, transport.loop()).join();
        transport.loop().scheduleAtFixedRate(relay::sendWants, ClusterRelay.WANT_INTERVAL_MILLIS,
                ClusterRelay.WANT_INTERVAL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        trackWatch = state.watchTracks(relay);
        ActiveSpeakerExchange speakers = new ActiveSpeakerExchange(state, identity.nodeId(), transport.loop(),
                clusterIo, rooms, () -> environment.nowMicros() / 1000, environment.metrics());
        levelWatch = state.watchAudioLevels(speakers::onReport);
        transport.loop().scheduleAtFixedRate(speakers::tick, ActiveSpeakerExchange.REPORT_MILLIS,
                ActiveSpeakerExchange.REPORT_MILLIS, TimeUnit.MILLISECONDS);
        log.info("overlay up: {} at {} (seeds {})", new NodeId(identity.nodeId()), overlayAddress, properties.seeds());
    }

    /** Registers a participant of this node in the cluster's peer map. */
    public void peerJoined(String room, String peer, PeerKind kind, String connectionId) {
        PeerInfo info = new PeerInfo(room, peer, identity.nodeId(), kind, connectionId);
        clusterIo.execute(() -> state.putPeer(info));
    }

    /** Removes a participant, unless a newer connection of the same peer already took its entry. */
    public void peerLeft(String room, String peer, String connectionId) {
        clusterIo.execute(() -> state.peer(room, peer)
                .filter(current -> connectionId.equals(current.connectionId()))
                .ifPresent(current -> state.removePeer(room, peer)));
    }

    /** The overlay's links, routes, channels and counters, for the internal API. Runs on the event loop. */
    public CompletableFuture<Map<String, Object>> overlaySnapshot() {
        return CompletableFuture.supplyAsync(() -> OverlaySnapshots.of(driver.engine()), driver.engineLoop());
    }

    public String overlayAddress() {
        return overlayAddress;
    }

    @Override
    public void close() {
        if (levelWatch != null) {
            try {
                levelWatch.close();
            } catch (Exception e) {
                log.debug("stopping the audio-level watch: {}", e.toString());
            }
        }
        if (trackWatch != null) {
            try {
                trackWatch.close();
            } catch (Exception e) {
                log.debug("stopping the track watch: {}", e.toString());
            }
        }
        clusterIo.shutdown();
        try {
            clusterIo.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
