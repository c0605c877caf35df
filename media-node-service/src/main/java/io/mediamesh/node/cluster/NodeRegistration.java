package io.mediamesh.node.cluster;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's entry in the cluster's node registry: {@link #register()} at start, {@link #heartbeat()} with
 * fresh load every {@link #HEARTBEAT} (which also refreshes the entry's TTL), {@link #drain()} when shutdown begins
 * so gateways stop sending new sessions, and {@link #close()} last, which removes the node and everything it owns.
 * Every fifth heartbeat also runs the cluster's orphan sweep, the backstop for entries of nodes that vanished.
 *
 * <p>Cluster failures during a heartbeat are logged and retried at the next beat; they never stop the node.
 */
public final class NodeRegistration implements AutoCloseable {

    /** atm0s refreshes node metrics every 2 s; gateways call a node stale after three missed beats. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final int SWEEP_EVERY = 5;
    private static final Logger log = LoggerFactory.getLogger(NodeRegistration.class);

    private final ClusterState state;
    private final int nodeId;
    private final String httpUrl;
    private final List<String> candidates;
    private final String overlayAddress;
    private final IntSupplier sessions;
    private final LongSupplier bandwidthBps;
    private final DoubleSupplier cpu;
    private final LongSupplier clockMillis;
    private volatile boolean draining;
    private int beats;
    private ScheduledExecutorService scheduler;

    /**
     * @param state          the cluster state
     * @param identity       this node's zone and index
     * @param httpUrl        the URL gateways reach this node's HTTP API at
     * @param candidates     WebRTC UDP candidates as {@code host:port}
     * @param overlayAddress {@code host:port} of the overlay socket; null when there is none
     * @param sessions       the live session count, read at every heartbeat
     * @param bandwidthBps   media bandwidth in bit/s, read at every heartbeat (0 when not measured)
     * @param cpu            process CPU share 0..1 ({@link ProcessCpu} in production)
     * @param clockMillis    wall clock, epoch millis
     */
    public NodeRegistration(ClusterState state, NodeIdentity identity, String httpUrl, List<String> candidates,
            String overlayAddress, IntSupplier sessions, LongSupplier bandwidthBps, DoubleSupplier cpu,
            LongSupplier clockMillis) {
        this.state = state;
        this.nodeId = identity.nodeId();
        this.httpUrl = httpUrl;
        this.candidates = List.copyOf(candidates);
        this.overlayAddress = overlayAddress;
        this.sessions = sessions;
        this.bandwidthBps = bandwidthBps;
        this.cpu = cpu;
        this.clockMillis = clockMillis;
    }

    /** Writes the full entry (used at start, and again if the entry was lost). */
    public void register() {
        NodeInfo info = new NodeInfo(nodeId, NodeIds.zone(nodeId), httpUrl, candidates,
                overlayAddress, load(), draining, clockMillis.getAsLong());
        state.registerNode(info);
    }

    /** Reports the current load; registers again when the entry expired or was removed. */
    public synchronized void heartbeat() {
        if (!state.heartbeat(nodeId, load(), clockMillis.getAsLong())) {
            log.warn("Node {} was missing from the cluster registry; registering again", hex());
            register();
        }
        if (++beats % SWEEP_EVERY == 0) {
            state.removeOrphans();
        }
    }

    /** Registers and starts the heartbeat thread. */
    public synchronized void start() {
        register();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = HEARTBEAT.toMillis();
        scheduler.scheduleAtFixedRate(this::safeHeartbeat, period, period, TimeUnit.MILLISECONDS);
        log.info("Node {} registered in the cluster at {}", hex(), httpUrl);
    }

    /** Marks the node draining: it keeps serving its sessions but gateways send it no new one. */
    public void drain() {
        draining = true;
        try {
            state.markDraining(nodeId);
            log.info("Node {} is draining", hex());
        } catch (RuntimeException e) {
            log.warn("Could not mark node {} draining: {}", hex(), e.toString());
        }
    }

    /** Stops the heartbeat and removes the node and its peers and tracks from the cluster. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            state.removeNode(nodeId);
            log.info("Node {} left the cluster registry", hex());
        } catch (RuntimeException e) {
            // The other members remove the entries when this member leaves.
            log.warn("Could not remove node {} from the cluster: {}", hex(), e.toString());
        }
    }

    public boolean draining() {
        return draining;
    }

    private void safeHeartbeat() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            log.warn("Heartbeat of node {} failed: {}", hex(), e.toString());
        }
    }

    private NodeLoad load() {
        return new NodeLoad(Math.min(1, Math.max(0, cpu.getAsDouble())), Math.max(0, sessions.getAsInt()),
                Math.max(0, bandwidthBps.getAsLong()));
    }

    private String hex() {
        return NodeIds.hex(nodeId);
    }
}
