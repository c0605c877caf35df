package io.mediamesh.core.sfu.layer;

/**
 * Carries out one receiver's layer target on the packet stream of one track, so the decoder never sees a broken
 * picture: a per-receiver, per-track state machine (sans-IO, the time is a parameter, allocation-free). The caller
 * parses each packet's descriptor ({@link io.mediamesh.core.codec.Vp8Descriptor},
 * {@link io.mediamesh.core.codec.Vp9Descriptor}, or the encoding index and a keyframe flag for H264) and asks
 * {@link #accept}.
 *
 * <ul>
 *   <li>Spatial: in {@link Mode#SIMULCAST} every spatial layer is its own encoding, so any spatial switch (up or
 *       down) waits for a keyframe of the target encoding, while the current one is still forwarded; in
 *       {@link Mode#SVC} (VP9 K-SVC/full SVC, one stream) going up waits for a key picture, going down takes effect
 *       at the next picture start since the lower layers were forwarded all along, and the last forwarded packet of
 *       each picture must carry the RTP marker ({@link #setMarker()}).</li>
 *   <li>Temporal: up only at a sync point (VP8 layer sync Y, VP9 switching-up U) of the new layer, down at the next
 *       frame start, at once.</li>
 *   <li>While a spatial switch waits, {@link #keyframeRequestDue} says when to ask the publisher for a keyframe of
 *       {@link #pendingSpatial()} (throttled).</li>
 *   <li>A frame is forwarded whole or not at all: the decision is taken at its first packet.</li>
 * </ul>
 * In production the forwarding stream ({@code OutgoingStream}) runs one in {@link Mode#SVC} for a VP9 source;
 * simulcast switching there is the node's LayerFollower (each encoding is a track of its own), and
 * {@link Mode#SIMULCAST} serves the layer-policy benchmark. Not thread-safe: the subscriber's event loop owns it.
 */
public final class LayerSwitcher {
    /** How the spatial layers travel. */
    public enum Mode {
        /** One encoding (SSRC) per spatial layer: VP8 or H264 simulcast. */
        SIMULCAST,
        /** All spatial layers in one stream: VP9 SVC. */
        SVC
    }

    private final Mode mode;
    private final long keyframeRequestIntervalMillis;
    private int targetSpatial = -1;
    private int targetTemporal = -1;
    private int currentSpatial = -1;
    private int currentTemporal = -1;
    private long lastKeyframeRequestMillis = Long.MIN_VALUE;
    private boolean forwardingFrame;
    private int frameSpatial = -1;
    private boolean setMarker;
    private boolean switched;

    public LayerSwitcher(Mode mode, long keyframeRequestIntervalMillis) {
        this.mode = mode;
        this.keyframeRequestIntervalMillis = keyframeRequestIntervalMillis;
    }

    /** Sets the layer to converge to (the allocator's target); {@link LayerTarget#NONE} stops forwarding at once. */
    public void target(LayerTarget target) {
        targetSpatial = target.spatial();
        targetTemporal = target.temporal();
        if (target.isNone()) {
            currentSpatial = -1;
            currentTemporal = -1;
        }
    }

    /**
     * Decides one packet.
     *
     * @param spatial      the encoding index (simulcast) or the VP9 spatial id
     * @param temporal     the temporal id, 0 when the stream has no temporal layers
     * @param startOfFrame the first packet of a (layer) frame
     * @param endOfFrame   the last packet of a (layer) frame (VP9 E bit; simulcast: the RTP marker)
     * @param keyframe     the first packet of a keyframe of this encoding (simulcast) or of a key picture (SVC)
     * @param syncPoint    VP8 layer sync (Y) / VP9 switching-up point (U)
     * @return whether to forward it
     */
    public boolean accept(int spatial, int temporal, boolean startOfFrame, boolean endOfFrame, boolean keyframe,
            boolean syncPoint) {
        setMarker = false;
        switched = false;
        if (targetSpatial < 0) {
            return false;
        }
        if (mode == Mode.SIMULCAST) {
            return acceptSimulcast(spatial, temporal, startOfFrame, keyframe, syncPoint);
        }
        return acceptSvc(spatial, temporal, startOfFrame, endOfFrame, keyframe, syncPoint);
    }

    private boolean acceptSimulcast(int encoding, int temporal, boolean startOfFrame, boolean keyframe,
            boolean syncPoint) {
        if (encoding == targetSpatial && encoding != currentSpatial && keyframe) {
            currentSpatial = encoding;
            currentTemporal = targetTemporal;
            switched = true;
            forwardingFrame = true;
            return true;
        }
        if (encoding != currentSpatial) {
            return false;
        }
        if (startOfFrame) {
            forwardingFrame = temporalAllows(temporal, syncPoint);
        }
        return forwardingFrame;
    }

    private boolean acceptSvc(int spatial, int temporal, boolean startOfFrame, boolean endOfFrame,
            boolean keyframe, boolean syncPoint) {
        if (keyframe && currentSpatial != targetSpatial && (currentSpatial < 0 || targetSpatial > currentSpatial)) {
            currentSpatial = targetSpatial;
            currentTemporal = targetTemporal;
            switched = true;
        } else if (startOfFrame && spatial == 0 && currentSpatial > targetSpatial) {
            currentSpatial = targetSpatial;
        }
        if (keyframe && currentSpatial >= 0) {
            // A key picture references nothing earlier: every temporal layer of the target may start here.
            currentTemporal = targetTemporal;
        }
        if (currentSpatial < 0) {
            return false;
        }
        if (startOfFrame) {
            frameSpatial = spatial;
            forwardingFrame = spatial <= currentSpatial && (spatial > 0 && forwardingFrame
                    || spatial == 0 && temporalAllows(temporal, syncPoint) || keyframe);
        } else if (spatial != frameSpatial) {
            return false;
        }
        setMarker = forwardingFrame && endOfFrame && spatial == currentSpatial;
        return forwardingFrame;
    }

    /** At a frame start: temporal down at once, up only at a sync point of a layer within the target. */
    private boolean temporalAllows(int temporal, boolean syncPoint) {
        if (targetTemporal < currentTemporal) {
            currentTemporal = targetTemporal;
        }
        if (temporal > currentTemporal && temporal <= targetTemporal && syncPoint) {
            currentTemporal = temporal;
        }
        return temporal <= currentTemporal;
    }

    /**
     * Whether to send the publisher a keyframe request for {@link #pendingSpatial()} now; records the request, so
     * the next one comes {@code keyframeRequestIntervalMillis} later at the earliest.
     */
    public boolean keyframeRequestDue(long nowMillis) {
        if (targetSpatial < 0 || !waitingForKeyframe()) {
            return false;
        }
        if (lastKeyframeRequestMillis != Long.MIN_VALUE
                && nowMillis - lastKeyframeRequestMillis < keyframeRequestIntervalMillis) {
            return false;
        }
        lastKeyframeRequestMillis = nowMillis;
        return true;
    }

    /** Whether a spatial switch waits for a keyframe. */
    public boolean waitingForKeyframe() {
        return targetSpatial >= 0 && currentSpatial != targetSpatial
                && (mode == Mode.SIMULCAST || currentSpatial < targetSpatial);
    }

    /** The spatial layer (simulcast: encoding) a keyframe is awaited from, -1 when none. */
    public int pendingSpatial() {
        return waitingForKeyframe() ? targetSpatial : -1;
    }

    /** SVC: the packet just accepted ends the highest forwarded layer frame; the caller sets its RTP marker. */
    public boolean setMarker() {
        return setMarker;
    }

    /** The packet just accepted is the keyframe a spatial switch waited for (rebase picture ids here). */
    public boolean switched() {
        return switched;
    }

    /** The spatial layer (simulcast: encoding) forwarded now, -1 before the first keyframe or when stopped. */
    public int currentSpatial() {
        return currentSpatial;
    }

    /** The temporal layer forwarded now, -1 before the first keyframe or when stopped. */
    public int currentTemporal() {
        return currentTemporal;
    }

    /** Forgets what is forwarded (a new source): the target stays, the next keyframe starts it again. */
    public void restart() {
        currentSpatial = -1;
        currentTemporal = -1;
        forwardingFrame = false;
        frameSpatial = -1;
    }

    /** The layer forwarded now, {@link LayerTarget#NONE} before the first keyframe or when stopped. */
    public LayerTarget current() {
        return currentSpatial < 0 ? LayerTarget.NONE : new LayerTarget(currentSpatial, currentTemporal);
    }
}
