package io.mediamesh.node.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The media node's counters, exported through Micrometer (Prometheus at {@code /actuator/prometheus}). Drops carry a
 * reason tag, so a malformed packet or an unknown sender is visible without a log line per packet.
 */
public final class NodeMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> drops = new ConcurrentHashMap<>();
    private final Counter rtpIn;
    private final Counter rtpOut;
    private final Counter rtcpIn;
    private final Counter rtcpOut;
    private final Counter retransmitted;
    private final Counter nacksToPublishers;

    public NodeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rtpIn = registry.counter("mediamesh.rtp.packets", "direction", "in");
        this.rtpOut = registry.counter("mediamesh.rtp.packets", "direction", "out");
        this.rtcpIn = registry.counter("mediamesh.rtcp.packets", "direction", "in");
        this.rtcpOut = registry.counter("mediamesh.rtcp.packets", "direction", "out");
        this.retransmitted = registry.counter("mediamesh.rtp.retransmissions");
        this.nacksToPublishers = registry.counter("mediamesh.rtp.nacks.to.publishers");
    }

    /** Counts sequence numbers the node asked publishers for (its own loss detection). */
    public void nacksToPublishers(int count) {
        nacksToPublishers.increment(count);
    }

    /** Counts one dropped datagram or packet. */
    public void dropped(String reason) {
        drops.computeIfAbsent(reason, r -> registry.counter("mediamesh.packets.dropped", "reason", r)).increment();
    }

    /** How many were dropped for this reason so far. */
    public double droppedCount(String reason) {
        Counter counter = drops.get(reason);
        return counter == null ? 0 : counter.count();
    }

    public void rtpIn() {
        rtpIn.increment();
    }

    public void rtpOut() {
        rtpOut.increment();
    }

    public void rtcpIn() {
        rtcpIn.increment();
    }

    public void rtcpOut() {
        rtcpOut.increment();
    }

    public void retransmitted() {
        retransmitted.increment();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
