package io.mediamesh.node.room;

import io.mediamesh.core.bwe.BandwidthEstimator;
import io.mediamesh.core.bwe.PaddingPolicy;
import io.mediamesh.core.bwe.BweSettings;
import io.mediamesh.core.sfu.BitrateMeter;
import io.mediamesh.core.sfu.OutgoingStream;
import io.mediamesh.core.sfu.TransportWideSequence;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.core.sfu.layer.AllocationState;
import io.mediamesh.core.sfu.layer.AllocatorSettings;
import io.mediamesh.core.sfu.layer.BitrateAllocator;
import io.mediamesh.core.sfu.layer.Layer;
import io.mediamesh.core.sfu.layer.LayerConstraints;
import io.mediamesh.core.sfu.layer.TrackAllocation;
import io.mediamesh.core.sfu.layer.TrackDemand;
import io.mediamesh.node.session.WebRtcSession;
import io.mediamesh.proto.rtcp.RtcpPacket;
import io.mediamesh.proto.rtcp.fb.ReceiverEstimatedMaxBitrate;
import io.mediamesh.proto.rtcp.fb.TransportWideCc;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The downlink of one subscriber session: every packet sent on it gets a transport-wide sequence number, the
 * subscriber's transport-wide feedback (or REMB) drives a send-side {@link BandwidthEstimator}, the estimate is split
 * across the session's receivers by the {@link BitrateAllocator}, and when the allocation is held back by the estimate
 * the session pads (padding-only RTX) as the {@link PaddingPolicy} says, so the estimate can climb back once the
 * link allows.
 *
 * <p>The estimate starts optimistic ({@value #START_BPS} bps: every layer a receiver asks for flows at once, as it
 * did before the estimator) and falls when the feedback shows queues growing or packets lost. Event loop only.
 */
final class SubscriberBandwidth {
    static final long START_BPS = 2_500_000;
    private static final BweSettings SETTINGS = new BweSettings(START_BPS, 50_000, 20_000_000);
    private static final AllocatorSettings NO_HYSTERESIS = new AllocatorSettings(0, 0);
    private static final int PADDING_PACKET_BYTES = 255;
    /** At most this much padding per tick (about 2 Mbps at 100 ms ticks). */
    private static final int MAX_PADDING_PACKETS_PER_TICK = 100;
    private static final long MIN_PADDING_BPS = 20_000;
    private final WebRtcSession session;
    private final BandwidthEstimator estimator = new BandwidthEstimator(SETTINGS);
    private final PaddingPolicy paddingPolicy = new PaddingPolicy();
    private final BitrateMeter sent = new BitrateMeter();
    private final TransportWideSequence sequence;
    private long lastTickMicros = Long.MIN_VALUE;
    private long allocatedBps;
    private long desiredBps;
    private long paddingBytes;

    SubscriberBandwidth(WebRtcSession session) {
        this.session = session;
        this.sequence = new TransportWideSequence(this::onSent);
    }

    /** Numbers the packets of {@code stream} on this transport, when it negotiated transport-wide sequence numbers. */
    void number(OutgoingStream stream) {
        stream.useTransportWideSequence(sequence);
    }

    private void onSent(int transportSequence, int sizeBytes, long nowMicros) {
        estimator.onPacketSent(transportSequence, sizeBytes, nowMicros);
        sent.add(sizeBytes, nowMicros);
    }

    /** Takes the subscriber's congestion feedback; returns whether {@code packet} was one. */
    boolean onRtcp(RtcpPacket packet, long nowMicros) {
        if (packet instanceof TransportWideCc feedback) {
            estimator.onTransportFeedback(feedback, nowMicros);
            paddingPolicy.onFeedback(estimator.usage(), estimator.lossFraction(), nowMicros);
            return true;
        }
        if (packet instanceof ReceiverEstimatedMaxBitrate remb) {
            estimator.onRemb(remb.bitrateBps(), nowMicros);
            return true;
        }
        return false;
    }

    /**
     * Whether a retransmission of {@code bytes} fits the downlink: with it, what the session sent over the last second
     * stays within the estimate (libwebrtc limits retransmissions by the estimate too).
     */
    boolean admitsRetransmission(int bytes, long nowMicros) {
        return sent.bitrateBps(nowMicros) + bytes * 8L <= estimator.estimateBps();
    }

    /** One of the session's streams as an allocation round sees it. */
    interface Allocated {
        OutgoingStream out();

        /** What it asks for now, or null when it plays nothing. */
        TrackDemand demand(long nowMicros);

        /** The allocator's decision for it. */
        void allocated(TrackAllocation decision);
    }

    /**
     * One round (every tick): the streams' demands, split over the estimate, each stream told its share; then padding
     * on the first video stream that numbers its packets, when the estimate holds the receivers back.
     */
    void allocate(List<? extends Allocated> streams, long nowMicros) {
        List<TrackDemand> demands = new ArrayList<>(streams.size());
        List<Allocated> demanding = new ArrayList<>(streams.size());
        OutgoingStream carrier = null;
        for (Allocated stream : streams) {
            TrackDemand demand = stream.demand(nowMicros);
            if (demand != null) {
                demands.add(demand);
                demanding.add(stream);
                if (carrier == null && !demand.audio() && stream.out().transportWide()) {
                    carrier = stream.out();
                }
            }
        }
        if (demands.isEmpty()) {
            return;
        }
        List<TrackAllocation> allocations = split(demands, nowMicros);
        for (int i = 0; i < allocations.size(); i++) {
            demanding.get(i).allocated(allocations.get(i));
        }
        pad(carrier, nowMicros);
    }

    /**
     * Splits the estimate across the receivers' tracks, and remembers what they would take with no limit (what the
     * padding probes toward).
     */
    private List<TrackAllocation> split(List<TrackDemand> demands, long nowMicros) {
        List<TrackAllocation> allocations = BitrateAllocator.allocate(estimator.estimateBps(), demands,
                AllocatorSettings.DEFAULT, nowMicros / 1000);
        allocatedBps = sum(allocations);
        desiredBps = sum(BitrateAllocator.allocate(Long.MAX_VALUE / 4, demands, NO_HYSTERESIS, nowMicros / 1000));
        return allocations;
    }

    /**
     * Once per tick: when the receivers get less than they ask for because of the estimate, pads the transport up to
     * the {@link PaddingPolicy}'s target (above the estimate while the path shows no congestion, never further than
     * what they ask for), on {@code carrier}'s RTX SSRC.
     *
     * @param carrier a video stream that has sent media, or null (then no padding)
     */
    void pad(OutgoingStream carrier, long nowMicros) {
        long elapsed = lastTickMicros == Long.MIN_VALUE ? 0 : Math.min(nowMicros - lastTickMicros, 200_000);
        lastTickMicros = nowMicros;
        long wanted = (long) (desiredBps * (1 + AllocatorSettings.DEFAULT.upMargin()));
        // Only the estimate holds the receivers back here (not the allocator's hold before a layer up, which passes).
        long target = paddingPolicy.targetBps(estimator.estimateBps(), wanted, nowMicros);
        if (carrier == null || elapsed <= 0 || desiredBps <= allocatedBps || target == 0) {
            return;
        }
        long missingBps = target - sent.bitrateBps(nowMicros);
        if (missingBps < MIN_PADDING_BPS) {
            return;
        }
        long bytes = missingBps * elapsed / 8_000_000;
        int packets = (int) Math.min(MAX_PADDING_PACKETS_PER_TICK, bytes / PADDING_PACKET_BYTES);
        for (int i = 0; i < packets; i++) {
            ByteBuf probe = carrier.padding(PADDING_PACKET_BYTES, session.environment().allocator(),
                    session.protectionOverhead(), nowMicros);
            if (probe == null) {
                return;
            }
            paddingBytes += PADDING_PACKET_BYTES;
            session.sendRtp(probe);
        }
    }

    /**
     * The track {@code out} plays, as the allocator sees it: the publisher's layers of {@code base} with the bitrates
     * this node measures (audio: the track alone), the range and the priority; null when it plays nothing.
     */
    static TrackDemand demand(OutgoingStream out, Publisher publisher, String base, int minSpatial, int maxSpatial,
            int minTemporal, int maxTemporal, int priority, AllocationState state, long nowMicros) {
        PublishedTrack source = out.source();
        if (publisher == null || source == null || base == null) {
            return null;
        }
        boolean audio = out.media().kind() == MediaKind.AUDIO;
        List<Layer> layers = new ArrayList<>(3);
        if (audio) {
            layers.add(new Layer(0, 0, source.bitrateBps(nowMicros), true));
        } else {
            List<PublishedTrack> tracks = SpatialLayers.of(publisher, base);
            if (tracks.size() == 1 && tracks.get(0) != null && tracks.get(0).svcSpatialLayers() > 1) {
                svcLayers(tracks.get(0), layers, nowMicros);
                tracks = List.of();
            }
            for (int index = 0; index < tracks.size(); index++) {
                PublishedTrack layer = tracks.get(index);
                if (layer != null) {
                    boolean live = !layer.ended() && layer.receivedWithin(nowMicros, LayerFollower.LAYER_SILENCE_MICROS);
                    // VP8 temporal layers: (spatial, t) gets TIDs 0..t; without them, one layer per encoding.
                    for (int tid = 0; tid <= Math.max(0, layer.highestTemporal()); tid++) {
                        layers.add(new Layer(index, tid, layer.bitrateBps(tid, nowMicros), live));
                    }
                }
            }
        }
        return new TrackDemand(out.media().mid(), audio, priority, new LayerConstraints(minSpatial, maxSpatial,
                minTemporal, maxTemporal, false), layers, state);
    }

    /**
     * VP9 SVC, all spatial layers in one track: (s, t) for every spatial and temporal layer the track has carried, at
     * what spatial layers 0..s with temporal layers 0..t cost (the stream forwards the lower spatial layers along);
     * a spatial layer is active while the publisher sends it.
     */
    private static void svcLayers(PublishedTrack track, List<Layer> layers, long nowMicros) {
        boolean ended = track.ended();
        for (int sid = 0; sid < Math.min(track.svcSpatialLayers(), SpatialLayers.MAX_LAYER + 1); sid++) {
            boolean live = !ended && track.spatialReceivedWithin(sid, nowMicros, LayerFollower.LAYER_SILENCE_MICROS);
            for (int tid = 0; tid <= Math.max(0, track.highestTemporal()); tid++) {
                layers.add(new Layer(sid, tid, track.bitrateBps(sid, tid, nowMicros), live));
            }
        }
    }

    /**
     * The highest temporal layer {@code out} should forward after {@code decision}: its target's, within the
     * receiver's range; no limit when the source carries no more temporal layers than that (or none at all).
     */
    static int temporalCap(OutgoingStream out, TrackAllocation decision, int minTemporal, int maxTemporal) {
        PublishedTrack source = out.source();
        int target = decision.target().isNone() ? maxTemporal : decision.target().temporal();
        int cap = Math.max(minTemporal, Math.min(maxTemporal, target));
        return source == null || cap >= source.highestTemporal() ? LayerConstraints.MAX_INDEX : cap;
    }

    private static long sum(List<TrackAllocation> allocations) {
        long total = 0;
        for (TrackAllocation allocation : allocations) {
            total += allocation.bitrateBps();
        }
        return total;
    }

    /** The downlink as the stats show it. */
    BandwidthView view(long nowMicros) {
        return new BandwidthView(estimator.estimateBps(), estimator.delayBasedBps(), estimator.lossBasedBps(),
                estimator.rembBps(), estimator.lossFraction(), estimator.rttMicros() / 1000, sent.bitrateBps(nowMicros),
                allocatedBps, desiredBps, paddingBytes);
    }

    /**
     * One subscriber downlink's estimate and use.
     *
     * @param estimateBps  what the node may send (the minimum of the delay- and loss-based estimates, capped by REMB)
     * @param rembBps      the subscriber's REMB, -1 when it sent none
     * @param lossFraction the loss the feedback reported recently
     * @param sentBps      what the node sent over the last second, padding included
     * @param allocatedBps what the receivers' current layers cost
     * @param desiredBps   what the receivers' wanted layers would cost with no limit
     * @param paddingBytes padding sent so far, probing for headroom
     */
    public record BandwidthView(long estimateBps, long delayBasedBps, long lossBasedBps, long rembBps,
            double lossFraction, long rttMillis, long sentBps, long allocatedBps, long desiredBps,
            long paddingBytes) {
    }
}
