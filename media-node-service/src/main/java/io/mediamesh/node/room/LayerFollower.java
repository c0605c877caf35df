package io.mediamesh.node.room;

import io.mediamesh.core.codec.KeyframeDetector;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sfu.OutgoingStream;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.core.sfu.TrackSink;
import io.mediamesh.node.session.WebRtcSession;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Keeps one outgoing stream on the best live simulcast layer of a track ({@link SpatialLayers}), for SDK receivers and
 * WHEP viewers alike. To change layer it subscribes its sink to the new layer without forwarding it, asks for a
 * keyframe (then every second), and on the first packet of that keyframe switches the stream's source in place: same
 * SSRC, continuous sequence numbers and timestamps, the old layer playing until then. A VP9 SVC track carries its
 * spatial layers in one stream: there the stream itself drops the layers above the cap
 * ({@link OutgoingStream#maxSpatial}), and this asks the publisher for the key picture an up-switch waits for.
 * Event loop only.
 */
final class LayerFollower {
    /** A layer that sent nothing for this long is taken as paused by the publisher (CPU, bandwidth). */
    static final long LAYER_SILENCE_MICROS = 1_500_000;
    private static final long KEYFRAME_RETRY_MICROS = 1_000_000;

    private final WebRtcSession session;
    private final OutgoingStream out;
    private final TrackSink sink;
    private final RtpPacketView view = new RtpPacketView();
    private PublishedTrack pending;
    private long lastRequestMicros;

    LayerFollower(WebRtcSession session, OutgoingStream out, TrackSink sink) {
        this.session = session;
        this.out = out;
        this.sink = sink;
    }

    /** The best live layer of {@code base} within the range (layer 0 when none has sent yet), or null. */
    static PublishedTrack best(Publisher publisher, String base, int minSpatial, int maxSpatial, long nowMicros) {
        List<PublishedTrack> layers = SpatialLayers.of(publisher, base);
        int best = SpatialLayers.choose(live(layers, nowMicros), minSpatial, maxSpatial);
        PublishedTrack chosen = best >= 0 ? layers.get(best) : layers.isEmpty() ? null : layers.get(0);
        return chosen == null || chosen.ended() ? null : chosen;
    }

    /**
     * Moves toward the best live layer of {@code base} within the range, if the stream plays one of its layers now.
     */
    void adjust(Publisher publisher, String base, int minSpatial, int maxSpatial, long nowMicros) {
        PublishedTrack current = out.source();
        if (current == null || publisher == null || base == null) {
            return;
        }
        List<PublishedTrack> layers = SpatialLayers.of(publisher, base);
        if (layers.size() < 2) {
            if (out.svc()) {
                // One VP9 stream (SVC or not): the stream drops the spatial layers above the cap itself.
                out.maxSpatial(maxSpatial);
                if (out.layerKeyframeRequestDue(nowMicros)) {
                    publisher.requestKeyframe(current, nowMicros);
                }
            }
            return;
        }
        int best = SpatialLayers.choose(live(layers, nowMicros), minSpatial, maxSpatial);
        PublishedTrack target = best >= 0 ? layers.get(best) : current;
        if (target == current) {
            drop();
            return;
        }
        if (target != pending) {
            drop();
            pending = target;
            pending.addSink(sink);
            lastRequestMicros = nowMicros;
            publisher.requestKeyframe(pending, nowMicros);
        } else if (nowMicros - lastRequestMicros >= KEYFRAME_RETRY_MICROS) {
            lastRequestMicros = nowMicros;
            publisher.requestKeyframe(pending, nowMicros);
        }
    }

    /**
     * A packet the sink received: forwarded when it is from the source, watched for a keyframe when it is from the
     * layer being switched to.
     *
     * @param packet borrows
     */
    void onRtp(PublishedTrack from, ByteBuf packet, long nowMicros) {
        if (from == pending) {
            onPendingPacket(from, packet, nowMicros);
        } else {
            StreamFeedback.forward(session, out, from, packet, nowMicros);
        }
    }

    /**
     * A track the sink listens to ended: when it is the pending layer, the switch is off and the caller has nothing more
     * to do (returns true); otherwise the caller handles the end of its source.
     */
    boolean pendingEnded(PublishedTrack from) {
        if (from != pending) {
            return false;
        }
        pending = null;
        return true;
    }

    /** A packet of the pending layer: on the first packet of its keyframe the stream switches to it. */
    private void onPendingPacket(PublishedTrack from, ByteBuf packet, long nowMicros) {
        RtpPacketView parsed = view.wrap(packet);
        NegotiatedCodec codec = from.codecOf(parsed.payloadType());
        if (codec == null || !KeyframeDetector.isKeyframe(codec.name(), packet, parsed.payloadOffset(),
                parsed.payloadLength())) {
            return;
        }
        PublishedTrack old = out.source();
        if (old != null) {
            old.removeSink(sink);
        }
        pending = null;
        if (out.attach(from)) {
            StreamFeedback.forward(session, out, from, packet, nowMicros);
        }
    }

    /** Stops watching the pending layer. */
    void drop() {
        if (pending != null) {
            pending.removeSink(sink);
            pending = null;
        }
    }

    /** The spatial layer of the pending switch, -1 when none. */
    int pendingLayer() {
        if (pending == null && svcSource()) {
            return out.pendingSpatial();
        }
        return pending == null ? -1 : layerOf(pending);
    }

    /** The spatial layer played now: the simulcast layer's index, or the VP9 SVC layer forwarded; -1 for none. */
    int layer() {
        return svcSource() ? out.forwardedSpatial() : layerOf(out.source());
    }

    /** Whether the stream plays a VP9 track that carries several spatial layers itself. */
    private boolean svcSource() {
        return out.svc() && out.source().svcSpatialLayers() > 1;
    }

    /** The spatial layer index of a layer track (0 for a base track), -1 for null. */
    static int layerOf(PublishedTrack layer) {
        return layer == null ? -1 : SpatialLayers.indexOf(layer.name());
    }

    private static boolean[] live(List<PublishedTrack> layers, long nowMicros) {
        boolean[] live = new boolean[layers.size()];
        for (int i = 0; i < live.length; i++) {
            PublishedTrack layer = layers.get(i);
            live[i] = layer != null && !layer.ended() && layer.receivedWithin(nowMicros, LAYER_SILENCE_MICROS);
        }
        return live;
    }
}
