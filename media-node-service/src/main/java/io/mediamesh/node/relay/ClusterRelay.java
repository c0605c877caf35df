package io.mediamesh.node.relay;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.TrackListener;
import io.mediamesh.core.sdp.MediaDescriptor;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.core.sfu.TrackSink;
import io.mediamesh.model.cluster.SenderLayers;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import io.mediamesh.clustermedia.ChannelPayloads;
import io.mediamesh.clustermedia.OverlayDriver;
import io.mediamesh.clustermedia.OverlayListener;
import io.mediamesh.node.room.LayerDemand;
import io.mediamesh.node.room.Publisher;
import io.mediamesh.node.room.Room;
import io.mediamesh.node.room.RoomDirectory;
import io.mediamesh.node.session.NodeMetrics;
import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.Feedback;
import io.mediamesh.overlay.wire.NodeId;
import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.collection.LongObjectHashMap;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins rooms across media nodes. Every track published here becomes an overlay channel (registered in the
 * cluster's track map with its media description) fed by an uplink sink; a room opened here by a local participant
 * brings in the other nodes' publishers of that room as {@link RemotePublisher}s, whose channels this node subscribes
 * to, hop by hop over the overlay's fastest path. Keyframe requests, NACKs and the receivers' wanted layers go
 * upstream as overlay feedback; a local publisher's wanted layers go to the signalling through the cluster.
 *
 * <p>Channel payloads: cluster-media's {@link ChannelPayloads}. Threading: the UDP event loop; Hazelcast events and blocking cluster calls are handed over with
 * {@code loop.execute} and the {@code clusterIo} executor.
 */
public final class ClusterRelay implements OverlayListener, TrackListener, RoomDirectory.RoomObserver {
    private static final Logger log = LoggerFactory.getLogger(ClusterRelay.class);
    private static final long RESUME_GAP_MICROS = 300_000;
    /** How often the receivers' wants of relayed layers go upstream; well inside {@link LayerDemand#HOLD_MICROS}. */
    public static final long WANT_INTERVAL_MILLIS = 500;

    private final ClusterState state;
    private final OverlayDriver overlay;
    private final int nodeId;
    private final EventLoop loop;
    private final Executor clusterIo;
    private final RoomDirectory rooms;
    private final ByteBufAllocator allocator;
    private final NodeMetrics metrics;
    private final int cachePackets;
    /** The sessions' clock (monotonic microseconds), which every track and stream of this node runs on. */
    private final java.util.function.LongSupplier mediaClock;
    private final LongObjectHashMap<Uplink> published = new LongObjectHashMap<>();
    private final LongObjectHashMap<Relayed> relayed = new LongObjectHashMap<>();
    private final RtpPacketView view = new RtpPacketView();

    public ClusterRelay(ClusterState state, OverlayDriver overlay, int nodeId, EventLoop loop, Executor clusterIo,
            RoomDirectory rooms, ByteBufAllocator allocator, NodeMetrics metrics, int cachePackets,
            java.util.function.LongSupplier mediaClock) {
        this.mediaClock = mediaClock;
        this.state = state;
        this.overlay = overlay;
        this.nodeId = nodeId;
        this.loop = loop;
        this.clusterIo = clusterIo;
        this.rooms = rooms;
        this.allocator = allocator;
        this.metrics = metrics;
        this.cachePackets = cachePackets;
    }

    // ---- tracks published on this node ----

    @Override
    public void publisherAdded(Room room, Publisher publisher) {
        List<PublishedTrack> tracks = publisher.tracks();
        List<NegotiatedMedia> media = publisher.media();
        for (int i = 0; i < tracks.size(); i++) {
            localTrackAdded(room, publisher, tracks.get(i), media.get(i));
        }
    }

    @Override
    public void localTrackAdded(Room room, Publisher publisher, PublishedTrack track, NegotiatedMedia media) {
        ChannelId channel = ChannelId.of(room.id(), publisher.peer(), track.name());
        Uplink uplink = new Uplink(channel, publisher, track);
        published.put(channel.value(), uplink);
        track.addSink(uplink);
        TrackInfo info = new TrackInfo(room.id(), publisher.peer(), track.name(),
                track.kind() == MediaKind.VIDEO ? TrackKind.VIDEO : TrackKind.AUDIO, channel.value(), nodeId,
                MediaDescriptor.encode(media));
        clusterIo.execute(() -> state.putTrack(info));
    }

    @Override
    public void publisherRemoved(Room room, Publisher publisher) {
        for (PublishedTrack track : publisher.tracks()) {
            localTrackRemoved(room, publisher, track);
        }
    }

    @Override
    public void localTrackRemoved(Room room, Publisher publisher, PublishedTrack track) {
        ChannelId channel = ChannelId.of(room.id(), publisher.peer(), track.name());
        Uplink uplink = published.get(channel.value());
        if (uplink != null && uplink.track == track) {
            published.remove(channel.value());
            clusterIo.execute(() -> state.removeTrack(room.id(), publisher.peer(), track.name()));
        }
    }

    @Override
    public void onFeedback(ChannelId channel, int kind, int count, long value, long overlayMicros) {
        long nowMicros = mediaClock.getAsLong();
        Uplink uplink = published.get(channel.value());
        if (uplink == null) {
            return;
        }
        if (kind == Feedback.KIND_KEYFRAME_REQUEST) {
            uplink.publisher.requestKeyframe(uplink.track, nowMicros);
        } else if (kind == Feedback.KIND_DESIRED_BITRATE) {
            // A receiver on another node wants this layer (LayerDemand): the publisher keeps sending it.
            uplink.track.wantedUntil(nowMicros + LayerDemand.HOLD_MICROS);
        } else if (kind == Feedback.KIND_NACK) {
            uplink.resend((int) (value >>> 16) & 0xFFFF, (int) value & 0xFFFF);
        }
    }

    @Override
    public void layersWanted(Room room, Publisher publisher, String track, int activeLayers) {
        SenderLayers layers = new SenderLayers(room.id(), publisher.peer(), track, activeLayers);
        clusterIo.execute(() -> state.publishSenderLayers(layers));
    }

    // ---- publishers of other nodes, in rooms open here ----

    /**
     * Every {@link #WANT_INTERVAL_MILLIS}: for each relayed layer a receiver here wants, tells its source node, as
     * overlay feedback (value: the layer's bitrate here, at least 1), so the publisher keeps sending it.
     */
    public void sendWants() {
        long nowMicros = mediaClock.getAsLong();
        for (LongObjectHashMap.PrimitiveEntry<Relayed> entry : relayed.entries()) {
            PublishedTrack track = entry.value().track;
            if (track.kind() == MediaKind.VIDEO && track.wanted(nowMicros)) {
                overlay.sendFeedback(new ChannelId(entry.key()), Feedback.KIND_DESIRED_BITRATE,
                        Math.max(1, track.bitrateBps(nowMicros)));
            }
        }
    }

    @Override
    public void roomOpened(Room room) {
        String id = room.id();
        clusterIo.execute(() -> {
            List<TrackInfo> tracks = state.tracks(id);
            onLoop(() -> tracks.forEach(this::remoteTrackAdded));
        });
    }

    @Override
    public void roomClosed(Room room) {
        // Room.close() already released its remote publishers (RemotePublisher.replaced()).
    }

    @Override
    public void trackAdded(TrackInfo track) {
        if (track.sourceNodeId() != nodeId) {
            onLoop(() -> remoteTrackAdded(track));
        }
    }

    @Override
    public void trackRemoved(TrackInfo track) {
        if (track.sourceNodeId() != nodeId) {
            onLoop(() -> remoteTrackRemoved(track));
        }
    }

    /** Hands a Hazelcast event to the event loop; events that arrive while the node shuts down are dropped. */
    private void onLoop(Runnable task) {
        if (loop.isShuttingDown()) {
            return;
        }
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("cluster event after shutdown ignored");
        }
    }

    private void remoteTrackAdded(TrackInfo info) {
        Room room = rooms.existing(info.room());
        if (room == null || info.sourceNodeId() == nodeId || relayed.containsKey(info.channelId())) {
            return;
        }
        Publisher existing = room.publisher(info.peer());
        if (existing != null && existing.isLocal()) {
            return;
        }
        MediaKind kind = info.kind() == TrackKind.VIDEO ? MediaKind.VIDEO : MediaKind.AUDIO;
        NegotiatedMedia media;
        try {
            media = MediaDescriptor.decode(info.media(), kind, info.track());
        } catch (IllegalArgumentException e) {
            log.warn("ignoring remote track {}/{}/{}: {}", info.room(), info.peer(), info.track(), e.getMessage());
            return;
        }
        RemotePublisher publisher = existing == null ? new RemotePublisher(info.peer(), this)
                : (RemotePublisher) existing;
        PublishedTrack track = new PublishedTrack(info.peer(), info.track(), media, loop,
                kind == MediaKind.VIDEO ? cachePackets : 0);
        ChannelId channel = new ChannelId(info.channelId());
        publisher.add(track, channel);
        relayed.put(info.channelId(), new Relayed(track, publisher, room));
        overlay.subscribe(channel, new NodeId(info.sourceNodeId()));
        log.info("room {}: relaying {}/{} from node {}", info.room(), info.peer(), info.track(),
                new NodeId(info.sourceNodeId()));
        if (existing == null) {
            room.addPublisher(publisher);
        } else {
            room.trackAdded(publisher, track);
        }
    }

    private void remoteTrackRemoved(TrackInfo info) {
        Relayed entry = relayed.remove(info.channelId());
        if (entry == null) {
            return;
        }
        overlay.unsubscribe(new ChannelId(info.channelId()));
        entry.publisher.remove(entry.track);
        entry.track.end();
        if (entry.publisher.tracks().isEmpty()) {
            entry.room.removePublisher(entry.publisher);
        }
    }

    /** Stops relaying every track of a remote publisher (its room closed here, or a local session replaced it). */
    void release(RemotePublisher publisher) {
        for (PublishedTrack track : List.copyOf(publisher.tracks())) {
            ChannelId channel = publisher.channelOf(track);
            if (channel != null && relayed.remove(channel.value()) != null) {
                overlay.unsubscribe(channel);
            }
        }
    }

    void requestKeyframe(ChannelId channel) {
        overlay.sendFeedback(channel, Feedback.KIND_KEYFRAME_REQUEST, 1);
    }

    /**
     * Asks the source node of {@code channel} to send {@code sequenceNumbers} again (packets lost between the nodes,
     * which this node's cache never had), grouped as RTCP-style first + bitmask requests.
     */
    void requestRetransmission(ChannelId channel, List<Integer> sequenceNumbers) {
        int i = 0;
        while (i < sequenceNumbers.size()) {
            int first = sequenceNumbers.get(i++) & 0xFFFF;
            int mask = 0;
            while (i < sequenceNumbers.size()) {
                int distance = (sequenceNumbers.get(i) - first) & 0xFFFF;
                if (distance < 1 || distance > 16) {
                    break;
                }
                mask |= 1 << (distance - 1);
                i++;
            }
            overlay.sendFeedback(channel, Feedback.KIND_NACK, Feedback.nack(first, mask));
        }
    }

    @Override
    public void onChannelData(ChannelId channel, ByteBuf payload, long overlayMicros) {
        // The overlay's clock is wall-clock based; tracks, streams and throttles run on the sessions' clock, and the
        // two must never mix (a keyframe throttle stamped in one and checked in the other never opens again).
        long nowMicros = mediaClock.getAsLong();
        try {
            Relayed entry = relayed.get(channel.value());
            if (entry == null || !payload.isReadable()) {
                return;
            }
            int type = payload.readUnsignedByte();
            if (type == ChannelPayloads.RTP) {
                RtpPacketView parsed = view.wrap(payload);
                if (entry.track.ssrc() != parsed.ssrc()) {
                    entry.track.bindSsrc(parsed.ssrc(), false);
                }
                if (entry.track.kind() == MediaKind.VIDEO && entry.lastPacketMicros != 0
                        && nowMicros - entry.lastPacketMicros > RESUME_GAP_MICROS) {
                    // The channel comes back after a gap (a re-route): viewers' decoders lost their reference
                    // frames, so ask for a keyframe now rather than wait for their own PLIs.
                    entry.publisher.requestKeyframe(entry.track, nowMicros);
                }
                entry.lastPacketMicros = nowMicros;
                entry.track.onRtp(payload, parsed, nowMicros);
            } else if (type == ChannelPayloads.SENDER_REPORT
                    && payload.readableBytes() >= ChannelPayloads.SENDER_REPORT_LENGTH - 1) {
                entry.track.onSenderReport(payload.readLong(), payload.readUnsignedInt(), nowMicros);
            }
        } catch (MalformedPacketException e) {
            metrics.dropped("malformed-relayed-rtp");
        } finally {
            payload.release();
        }
    }

    /** A remote track relayed here, with the publisher and room it belongs to, and when its last packet came. */
    private static final class Relayed {
        final PublishedTrack track;
        final RemotePublisher publisher;
        final Room room;
        long lastPacketMicros;

        Relayed(PublishedTrack track, RemotePublisher publisher, Room room) {
            this.track = track;
            this.publisher = publisher;
            this.room = room;
        }
    }

    /** Feeds a local track into its overlay channel, only while some node subscribes to it. */
    private final class Uplink implements TrackSink {
        private final ChannelId channel;
        private final Publisher publisher;
        private final PublishedTrack track;

        Uplink(ChannelId channel, Publisher publisher, PublishedTrack track) {
            this.channel = channel;
            this.publisher = publisher;
            this.track = track;
        }

        @Override
        public void onRtp(PublishedTrack source, ByteBuf packet, long nowMicros) {
            if (!overlay.hasSubscribers(channel)) {
                return;
            }
            ByteBuf payload = ChannelPayloads.rtp(allocator, packet);
            try {
                overlay.publish(channel, payload);
            } finally {
                payload.release();
            }
        }

        /** Sends cached packets again into the channel, for a subscriber node that lost them on the way. */
        void resend(int first, int bitmask) {
            resendOne(first);
            for (int bit = 0; bit < 16; bit++) {
                if ((bitmask & (1 << bit)) != 0) {
                    resendOne((first + bit + 1) & 0xFFFF);
                }
            }
        }

        private void resendOne(int sequenceNumber) {
            ByteBuf cached = track.cached(sequenceNumber);
            if (cached == null || !overlay.hasSubscribers(channel)) {
                return;
            }
            ByteBuf payload = ChannelPayloads.rtp(allocator, cached);
            try {
                overlay.publish(channel, payload);
            } finally {
                payload.release();
            }
            metrics.retransmitted();
        }

        @Override
        public void onSenderReport(PublishedTrack source, long ntpTimestamp, long rtpTimestamp) {
            if (!overlay.hasSubscribers(channel)) {
                return;
            }
            ByteBuf payload = ChannelPayloads.senderReport(allocator, ntpTimestamp, rtpTimestamp);
            try {
                overlay.publish(channel, payload);
            } finally {
                payload.release();
            }
        }

        @Override
        public void onSourceEnded(PublishedTrack source) {
            // publisherRemoved() withdraws the track from the registry; subscribers then unsubscribe.
        }
    }
}
