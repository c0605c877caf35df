package io.mediamesh.node.room;

import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sfu.OutgoingStream;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.core.sfu.TrackSink;
import io.mediamesh.core.sfu.layer.AllocationState;
import io.mediamesh.core.sfu.layer.TrackAllocation;
import io.mediamesh.core.sfu.layer.TrackDemand;
import io.mediamesh.node.session.SessionRole;
import io.mediamesh.node.session.WebRtcSession;
import io.mediamesh.proto.rtcp.RtcpPacket;
import io.mediamesh.proto.rtcp.fb.FullIntraRequest;
import io.mediamesh.proto.rtcp.fb.PictureLossIndication;
import io.mediamesh.proto.rtcp.fb.TransportLayerNack;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiving side of an SDK session: one {@link Receiver} per sending m-line (a transceiver the browser added),
 * each playing whichever track of the room it is told to, by peer and track name. A receiver can be switched to
 * another track at any time with no renegotiation: it keeps its SSRC, its sequence numbers and timestamps continue,
 * and the new source starts at a keyframe (asked for at once). A receiver whose track is not (or no longer)
 * published waits for it and starts when it appears, on this node or through the overlay.
 *
 * <p>Every tick (100 ms) the session's {@link SubscriberBandwidth} splits its downlink estimate across the receivers
 * (audio first, then by priority within each receiver's layer range); a simulcast receiver plays at most the layer its
 * share affords, so a slow subscriber link lowers layers instead of freezing. Event loop only.
 */
public final class SubscriberRole implements SessionRole {
    private static final long KEYFRAME_RETRY_MICROS = 1_000_000;
    /** The allocator lets a track climb at most this many layers per round (there are three). */
    private static final int MAX_RELATIVE_PRIORITY = 3;

    /** What a receiver is doing: nothing asked ({@code inactive}), its track absent ({@code waiting}), or playing. */
    public enum State { INACTIVE, WAITING, ACTIVE }

    /** One receiver's state and counters, for the SDK's receiver events and stats. */
    public record ReceiverView(String mid, String kind, State state, String peer, String track, long packetsSent,
            long bytesSent, long dropped, boolean waitingForKeyframe, long sourceKeyframeRequests, int layer,
            int pendingLayer, int targetLayer, long allocatedBps, long estimateBps) {
    }

    private final WebRtcSession session;
    private final Room room;
    private final String cname;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private final SubscriberBandwidth bandwidth;
    /** The lowest priority among the receivers in this allocation round: priorities count relative to it. */
    private int lowestPriority = ReceiverSettings.DEFAULT_PRIORITY;
    private boolean connected;

    public SubscriberRole(WebRtcSession session, Room room, String cname, List<NegotiatedMedia> media) {
        this.session = session;
        this.bandwidth = new SubscriberBandwidth(session);
        this.room = room;
        this.cname = cname;
        addReceivers(media);
    }

    private void addReceivers(List<NegotiatedMedia> media) {
        for (NegotiatedMedia m : media) {
            if (m.accepted() && m.localSsrc() >= 0 && !receivers.containsKey(m.mid())) {
                OutgoingStream out = new OutgoingStream(m);
                bandwidth.number(out);
                receivers.put(m.mid(), new Receiver(out));
            }
        }
    }

    @Override
    public void onConnected(long nowMicros) {
        connected = true;
        room.addSubscriber(this);
    }

    /** A track of the room is there (published, relayed in, or just added): receivers waiting for it start. */
    void trackAvailable(Publisher publisher, PublishedTrack track, long nowMicros) {
        for (Receiver receiver : receivers.values()) {
            if (receiver.wantsLayerOf(publisher.peer(), track.name()) && receiver.out.source() == null) {
                receiver.startBest(publisher, nowMicros);
            }
        }
    }

    /**
     * Points the receiver of {@code mid} at {@code peer}'s track {@code track} (null peer: nothing), or pauses it.
     * For a simulcast track the receiver plays the highest layer being sent within the settings' spatial range (and,
     * for VP8, at most their highest temporal layer), and follows when layers come and go. The priority weighs its
     * share of the downlink against the
     * session's other receivers when the estimate is short.
     *
     * @throws IllegalArgumentException when there is no such receiver, or the track is of the other kind
     */
    public ReceiverView select(String mid, String peer, String track, ReceiverSettings settings, long nowMicros) {
        boolean enabled = settings.enabled();
        Receiver receiver = receivers.get(mid);
        if (receiver == null) {
            throw new IllegalArgumentException("no receiver with mid " + mid + " (receivers: " + receivers.keySet()
                    + "); add a recvonly transceiver and send a subscriber offer first");
        }
        boolean sameSource = peer != null && peer.equals(receiver.peer) && track.equals(receiver.track)
                && enabled && receiver.enabled && receiver.out.source() != null;
        receiver.minSpatial = settings.minSpatial();
        receiver.maxSpatial = settings.maxSpatial();
        receiver.minTemporal = settings.minTemporal();
        receiver.maxTemporal = settings.maxTemporal();
        receiver.priority = settings.priority();
        if (sameSource) {
            // Only the layer range changed: the tick moves to the new layer at its next keyframe, without a gap.
            receiver.adjustLayer(nowMicros);
            return receiver.view();
        }
        receiver.stop();
        receiver.peer = peer;
        receiver.track = track;
        receiver.enabled = enabled;
        if (connected && peer != null && enabled) {
            Publisher publisher = room.publisher(peer);
            PublishedTrack source = publisher == null ? null : publisher.trackNamed(track);
            if (source != null && !source.ended()) {
                if (source.kind() != receiver.out.media().kind()) {
                    receiver.peer = null;
                    throw new IllegalArgumentException("receiver " + mid + " receives "
                            + receiver.kind() + " but " + peer + "/" + track + " is " + source.kind().name()
                            .toLowerCase(java.util.Locale.ROOT));
                }
                receiver.startBest(publisher, nowMicros);
            }
        }
        return receiver.view();
    }

    /** The receivers, in m-line order. */
    public List<ReceiverView> receivers() {
        List<ReceiverView> views = new ArrayList<>(receivers.size());
        receivers.values().forEach(r -> views.add(r.view()));
        return views;
    }

    /** The SSRC this session already sends with on {@code mid} (a renegotiation keeps it), or -1 for a new mid. */
    public long ssrcOf(String mid, boolean rtx) {
        Receiver receiver = receivers.get(mid);
        if (receiver == null) {
            return -1;
        }
        return rtx ? receiver.out.rtxSsrc() : receiver.out.ssrc();
    }

    /** Receivers of new m-lines are added (inactive); those whose m-line stopped receiving are removed. */
    @Override
    public void renegotiated(List<NegotiatedMedia> media, Map<String, String> names, long nowMicros) {
        receivers.entrySet().removeIf(entry -> {
            boolean stays = media.stream().anyMatch(m -> m.mid().equals(entry.getKey()) && m.accepted()
                    && m.localSsrc() >= 0);
            if (!stays) {
                entry.getValue().stop();
            }
            return !stays;
        });
        addReceivers(media);
    }

    @Override
    public void onRtp(ByteBuf packet, long nowMicros) {
        session.environment().metrics().dropped("rtp-from-receiver");
    }

    @Override
    public void onRtcp(List<RtcpPacket> packets, long nowMicros) {
        for (RtcpPacket packet : packets) {
            if (bandwidth.onRtcp(packet, nowMicros)) {
                continue;
            }
            if (packet instanceof PictureLossIndication pli) {
                keyframeWanted(pli.mediaSsrc(), nowMicros);
            } else if (packet instanceof FullIntraRequest fir) {
                fir.entries().forEach(entry -> keyframeWanted(entry.ssrc(), nowMicros));
            } else if (packet instanceof TransportLayerNack nack) {
                Receiver receiver = receiverFor(nack.mediaSsrc());
                if (receiver != null) {
                    StreamFeedback.retransmit(session, receiver.out, receiver.publisher, nack, bandwidth);
                }
            }
        }
    }

    private void keyframeWanted(long ssrc, long nowMicros) {
        Receiver receiver = receiverFor(ssrc);
        if (receiver != null && receiver.publisher != null && receiver.out.source() != null) {
            receiver.publisher.requestKeyframe(receiver.out.source(), nowMicros);
        }
    }

    private Receiver receiverFor(long ssrc) {
        for (Receiver receiver : receivers.values()) {
            if (receiver.out.ssrc() == ssrc) {
                return receiver;
            }
        }
        return null;
    }

    @Override
    public void onTick(long nowMicros) {
        allocate(nowMicros);
        for (Receiver receiver : receivers.values()) {
            if (receiver.enabled) {
                LayerDemand.want(receiver.publisher, receiver.track, receiver.minSpatial, receiver.maxSpatial,
                        nowMicros);
            }
            receiver.adjustLayer(nowMicros);
            if (receiver.out.waitingForKeyframe() && receiver.publisher != null && receiver.out.source() != null
                    && nowMicros - receiver.lastKeyframeRequestMicros >= KEYFRAME_RETRY_MICROS) {
                receiver.lastKeyframeRequestMicros = nowMicros;
                receiver.publisher.requestKeyframe(receiver.out.source(), nowMicros);
            }
        }
    }

    /** Splits the downlink estimate across the playing receivers, then pads toward what they ask for if held back. */
    private void allocate(long nowMicros) {
        lowestPriority = ReceiverSettings.MAX_PRIORITY;
        for (Receiver receiver : receivers.values()) {
            lowestPriority = Math.min(lowestPriority, receiver.priority);
        }
        bandwidth.allocate(List.copyOf(receivers.values()), nowMicros);
    }

    /** The downlink's estimate and use, for stats. */
    public SubscriberBandwidth.BandwidthView bandwidth(long nowMicros) {
        return bandwidth.view(nowMicros);
    }

    @Override
    public void onClose() {
        receivers.values().forEach(Receiver::stop);
        if (connected) {
            room.removeSubscriber(this);
        }
    }

    public WebRtcSession session() {
        return session;
    }

    /** One sending m-line and the track it plays; the sink of that track while attached. */
    private final class Receiver implements TrackSink, SubscriberBandwidth.Allocated {
        private final OutgoingStream out;
        private String peer;
        private String track;
        private boolean enabled = true;
        private int minSpatial;
        private int maxSpatial = SpatialLayers.MAX_LAYER;
        private Publisher publisher;
        private final LayerFollower layers;
        private long lastKeyframeRequestMicros;
        private int minTemporal;
        private int maxTemporal = ReceiverSettings.MAX_LAYER;
        private int priority = ReceiverSettings.DEFAULT_PRIORITY;
        private AllocationState allocation = AllocationState.INITIAL;
        private int targetLayer = SpatialLayers.MAX_LAYER;
        private long allocatedBps;

        Receiver(OutgoingStream out) {
            this.out = out;
            this.layers = new LayerFollower(session, out, this);
        }

        boolean wants(String candidatePeer, String candidateTrack) {
            return enabled && candidatePeer.equals(peer) && candidateTrack.equals(track);
        }

        /** Whether {@code candidateTrack} is the wanted track or one of its higher spatial layers. */
        boolean wantsLayerOf(String candidatePeer, String candidateTrack) {
            return enabled && candidatePeer.equals(peer) && SpatialLayers.baseOf(candidateTrack).equals(track);
        }

        /** Starts on the best live layer of the wanted track (layer 0 when none has sent anything yet). */
        void startBest(Publisher from, long nowMicros) {
            PublishedTrack chosen = LayerFollower.best(from, track, minSpatial, layerCap(), nowMicros);
            if (chosen != null) {
                start(from, chosen, nowMicros);
            }
        }

        /** Moves toward the best live layer within the range, without a gap (see {@link LayerFollower}). */
        void adjustLayer(long nowMicros) {
            layers.adjust(publisher, track, minSpatial, layerCap(), nowMicros);
        }

        /** The highest layer to play: the receiver's maximum, lowered to what its bandwidth share affords. */
        int layerCap() {
            return Math.max(minSpatial, Math.min(maxSpatial, targetLayer));
        }

        @Override
        public OutgoingStream out() {
            return out;
        }

        /** This receiver's track as the allocator sees it, or null when it plays nothing. */
        @Override
        public TrackDemand demand(long nowMicros) {
            // Priorities are relative: equal ones climb a layer each per round, twice the priority two layers.
            int relative = Math.min(MAX_RELATIVE_PRIORITY, Math.max(1, priority / lowestPriority));
            return enabled ? SubscriberBandwidth.demand(out, publisher, track, minSpatial, maxSpatial, minTemporal,
                    maxTemporal, relative, allocation, nowMicros) : null;
        }

        @Override
        public void allocated(TrackAllocation decision) {
            allocation = decision.state();
            allocatedBps = decision.bitrateBps();
            targetLayer = decision.target().isNone() ? SpatialLayers.MAX_LAYER : decision.target().spatial();
            out.maxTemporal(SubscriberBandwidth.temporalCap(out, decision, minTemporal, maxTemporal));
        }

        void start(Publisher from, PublishedTrack source, long nowMicros) {
            out.maxSpatial(layerCap());
            if (source.kind() != out.media().kind() || !out.attach(source)) {
                return;
            }
            publisher = from;
            source.addSink(this);
            lastKeyframeRequestMicros = nowMicros;
            if (source.kind() == MediaKind.VIDEO) {
                from.requestKeyframe(source, nowMicros);
            }
        }

        void stop() {
            layers.drop();
            PublishedTrack source = out.source();
            if (source != null) {
                source.removeSink(this);
                out.detach();
            }
            publisher = null;
            allocation = AllocationState.INITIAL;
            allocatedBps = 0;
        }

        String kind() {
            return out.media().kind().name().toLowerCase(java.util.Locale.ROOT);
        }

        ReceiverView view() {
            State state = peer == null || !enabled ? State.INACTIVE
                    : out.source() != null ? State.ACTIVE : State.WAITING;
            return new ReceiverView(out.media().mid(), kind(), state, peer, track, out.packetsSent(),
                    out.octetsSent(), out.dropped(), out.waitingForKeyframe(),
                    out.source() == null ? 0 : out.source().keyframeRequestsAdmitted(),
                    layers.layer(), layers.pendingLayer(), layerCap(), allocatedBps,
                    bandwidth.view(session.environment().nowMicros()).estimateBps());
        }

        @Override
        public void onRtp(PublishedTrack from, ByteBuf packet, long nowMicros) {
            layers.onRtp(from, packet, nowMicros);
        }

        @Override
        public void onSenderReport(PublishedTrack from, long ntpTimestamp, long rtpTimestamp) {
            StreamFeedback.senderReport(session, out, cname, ntpTimestamp, rtpTimestamp);
        }

        @Override
        public void onSourceEnded(PublishedTrack from) {
            if (!layers.pendingEnded(from) && out.source() == from) {
                from.removeSink(this);
                out.detach();
                publisher = null;
                session.sendRtcp(List.of(out.goodbye("track ended")));
            }
        }
    }
}
