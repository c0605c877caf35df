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
import java.util.List;

/**
 * A WHEP viewer: one {@link OutgoingStream} per accepted m-line, attached to the matching track of one publisher of
 * the room (the one it asked for, else the first); for a simulcast publisher, the best layer being sent
 * ({@link LayerFollower}). When that publisher leaves, the viewer gets an RTCP BYE and keeps
 * its connection; the room attaches it to the next publisher, on the same SSRCs with continuous sequence numbers.
 * Keyframe requests and NACKs go to the source (NACKs answered from its cache when possible). Event loop only.
 */
public final class ViewerRole implements SessionRole {
    private static final long KEYFRAME_RETRY_MICROS = 1_000_000;

    private final WebRtcSession session;
    private final Room room;
    private String wantedPeer;
    private boolean paused;
    private final String cname;
    private final List<StreamSink> streams = new ArrayList<>();
    private final SubscriberBandwidth bandwidth;
    private Publisher source;

    public ViewerRole(WebRtcSession session, Room room, String wantedPeer, String cname, List<NegotiatedMedia> media) {
        this.session = session;
        this.room = room;
        this.wantedPeer = wantedPeer;
        this.cname = cname;
        this.bandwidth = new SubscriberBandwidth(session);
        for (NegotiatedMedia m : media) {
            if (m.accepted() && m.localSsrc() >= 0) {
                OutgoingStream out = new OutgoingStream(m);
                bandwidth.number(out);
                streams.add(new StreamSink(out));
            }
        }
    }

    @Override
    public void onConnected(long nowMicros) {
        room.addViewer(this);
    }

    /** Attaches every stream to the publisher's track of the same kind and asks it for keyframes. */
    void attach(Publisher publisher, long nowMicros) {
        detach();
        source = publisher;
        for (StreamSink stream : streams) {
            PublishedTrack track = publisher.track(stream.out.media().kind());
            if (track != null && track.kind() == MediaKind.VIDEO) {
                // A simulcast publisher: start on its best live layer, not on the lowest.
                PublishedTrack best = LayerFollower.best(publisher, track.name(), 0, stream.targetLayer, nowMicros);
                track = best != null ? best : track;
            }
            stream.out.maxSpatial(stream.targetLayer);
            if (track != null && stream.out.attach(track)) {
                track.addSink(stream);
                if (track.kind() == MediaKind.VIDEO) {
                    publisher.requestKeyframe(track, nowMicros);
                }
            }
        }
    }

    /** Attaches the streams of {@code track}'s kind that have no source yet (a track announced late). */
    void attachTrack(Publisher publisher, PublishedTrack track, long nowMicros) {
        if (SpatialLayers.isHigherLayer(track.name())) {
            return;
        }
        for (StreamSink stream : streams) {
            if (stream.out.source() == null && stream.out.media().kind() == track.kind() && stream.out.attach(track)) {
                track.addSink(stream);
                if (track.kind() == MediaKind.VIDEO) {
                    publisher.requestKeyframe(track, nowMicros);
                }
            }
        }
    }

    /** Detaches from the current publisher (if any) without BYE: the streams continue with the next one. */
    void detach() {
        for (StreamSink stream : streams) {
            stream.layers.drop();
            stream.allocation = AllocationState.INITIAL;
            PublishedTrack track = stream.out.source();
            if (track != null) {
                track.removeSink(stream);
                stream.out.detach();
            }
        }
        source = null;
    }

    @Override
    public void onRtp(ByteBuf packet, long nowMicros) {
        session.environment().metrics().dropped("rtp-from-viewer");
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
                retransmit(nack);
            }
        }
    }

    private void keyframeWanted(long ssrc, long nowMicros) {
        StreamSink stream = streamFor(ssrc);
        if (stream != null && stream.out.source() != null && source != null) {
            source.requestKeyframe(stream.out.source(), nowMicros);
        }
    }

    private void retransmit(TransportLayerNack nack) {
        StreamSink stream = streamFor(nack.mediaSsrc());
        if (stream != null) {
            StreamFeedback.retransmit(session, stream.out, source, nack, bandwidth);
        }
    }

    private StreamSink streamFor(long ssrc) {
        for (StreamSink stream : streams) {
            if (stream.out.ssrc() == ssrc) {
                return stream;
            }
        }
        return null;
    }

    @Override
    public void onTick(long nowMicros) {
        // Sender reports follow the publisher's own (StreamSink.onSenderReport). What is periodic is the keyframe a
        // stream still waits for: the request may have been lost, so it is repeated (the track throttles it).
        // A viewer's simulcast video drops layers on a slow link.
        bandwidth.allocate(streams, nowMicros);
        for (StreamSink stream : streams) {
            PublishedTrack current = stream.out.source();
            if (current != null && current.kind() == MediaKind.VIDEO && source != null) {
                LayerDemand.want(source, SpatialLayers.baseOf(current.name()), 0, SpatialLayers.MAX_LAYER, nowMicros);
                stream.layers.adjust(source, SpatialLayers.baseOf(current.name()), 0, stream.targetLayer,
                        nowMicros);
            }
            if (stream.out.waitingForKeyframe() && source != null
                    && nowMicros - stream.lastKeyframeRequestMicros >= KEYFRAME_RETRY_MICROS) {
                stream.lastKeyframeRequestMicros = nowMicros;
                source.requestKeyframe(stream.out.source(), nowMicros);
            }
        }
    }

    /** The downlink's estimate and use, for stats. */
    public SubscriberBandwidth.BandwidthView bandwidth(long nowMicros) {
        return bandwidth.view(nowMicros);
    }

    @Override
    public void onClose() {
        detach();
        room.removeViewer(this);
    }

    public boolean hasSource() {
        return source != null;
    }

    /**
     * Plays {@code peer} from now on (null: the room's first publisher), or nothing while {@code paused}. The
     * streams keep their SSRCs, sequence numbers and timestamps continue, and the new source starts at a keyframe
     * (asked for at once). A peer that is not publishing yet is waited for.
     *
     * @return "paused", "active" (a source is attached) or "waiting"
     */
    public String select(String peer, boolean pause, long nowMicros) {
        wantedPeer = peer;
        paused = pause;
        room.reselect(this, nowMicros);
        return paused ? "paused" : hasSource() ? "active" : "waiting";
    }

    boolean paused() {
        return paused;
    }

    public String wantedPeer() {
        return wantedPeer;
    }

    public Publisher source() {
        return source;
    }

    public WebRtcSession session() {
        return session;
    }

    /** Connects one outgoing stream to the track it plays; runs on the event loop that owns both. */
    private final class StreamSink implements TrackSink, SubscriberBandwidth.Allocated {
        private final OutgoingStream out;
        private final LayerFollower layers;
        private long lastKeyframeRequestMicros;
        private AllocationState allocation = AllocationState.INITIAL;
        private int targetLayer = SpatialLayers.MAX_LAYER;

        StreamSink(OutgoingStream out) {
            this.out = out;
            this.layers = new LayerFollower(session, out, this);
        }

        @Override
        public OutgoingStream out() {
            return out;
        }

        @Override
        public TrackDemand demand(long nowMicros) {
            PublishedTrack current = out.source();
            return current == null ? null : SubscriberBandwidth.demand(out, source,
                    SpatialLayers.baseOf(current.name()), 0, SpatialLayers.MAX_LAYER, 0, SpatialLayers.MAX_LAYER, 1,
                    allocation, nowMicros);
        }

        @Override
        public void allocated(TrackAllocation decision) {
            allocation = decision.state();
            targetLayer = decision.target().isNone() ? SpatialLayers.MAX_LAYER : decision.target().spatial();
            out.maxTemporal(SubscriberBandwidth.temporalCap(out, decision, 0, SpatialLayers.MAX_LAYER));
        }

        @Override
        public void onRtp(PublishedTrack track, ByteBuf packet, long nowMicros) {
            layers.onRtp(track, packet, nowMicros);
        }

        @Override
        public void onSenderReport(PublishedTrack track, long ntpTimestamp, long rtpTimestamp) {
            StreamFeedback.senderReport(session, out, cname, ntpTimestamp, rtpTimestamp);
        }

        @Override
        public void onSourceEnded(PublishedTrack track) {
            if (!layers.pendingEnded(track) && out.source() == track) {
                out.detach();
                session.sendRtcp(List.of(out.goodbye("publisher left")));
            }
        }
    }
}
