package io.mediamesh.core.sfu;

import io.mediamesh.core.audio.AudioLevelMeter;
import io.mediamesh.core.codec.Vp8Descriptor;
import io.mediamesh.core.codec.Vp9Descriptor;
import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RtpExtensionUris;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One track a publisher sends (one m-line of its offer): its codecs by payload type, its SSRC and RTX SSRC, reception
 * statistics, the retransmission cache, and the sinks its packets fan out to.
 *
 * <p>Threading: owned by the publisher's event loop ({@link #owner()}); everything but {@link #addSink},
 * {@link #removeSink} and the identity getters runs there. The sink list is copy-on-write so the per-packet fan-out
 * reads one volatile array and takes no lock.
 */
public final class PublishedTrack {
    private static final TrackSink[] NO_SINKS = new TrackSink[0];
    private static final long KEYFRAME_REQUEST_INTERVAL_MICROS = 300_000;

    private final String peer;
    private final String name;
    private final MediaKind kind;
    private final List<NegotiatedCodec> codecs;
    private final ExtensionIds extensions;
    private final NegotiatedCodec[] codecByPayloadType = new NegotiatedCodec[128];
    private final int[] rtxApt = new int[128];
    private final Executor owner;
    private final RetransmissionCache cache;
    private final RtpPacketView view = new RtpPacketView();
    private volatile TrackSink[] sinks = NO_SINKS;
    private volatile long ssrc;
    private volatile long rtxSsrc;
    private ReceiveStatistics statistics;
    private long lastKeyframeRequestMicros;
    private boolean keyframeRequested;
    private boolean keyframePending;
    private volatile boolean ended;
    /** The RFC 6464 audio-level extension id of an audio track that negotiated it, else 0. */
    private final int audioLevelId;
    private final AudioLevelMeter audioLevels;

    public PublishedTrack(String peer, String name, NegotiatedMedia media, Executor owner, int cacheCapacity) {
        this.peer = peer;
        this.name = name;
        this.kind = media.kind();
        this.codecs = media.codecs();
        this.extensions = media.extensions();
        this.owner = owner;
        Arrays.fill(rtxApt, -1);
        for (NegotiatedCodec codec : codecs) {
            codecByPayloadType[codec.payloadType() & 0x7f] = codec;
            if (codec.rtxPayloadType() >= 0) {
                rtxApt[codec.rtxPayloadType() & 0x7f] = codec.payloadType();
            }
            layerCodec[codec.payloadType() & 0x7f] = "vp8".equalsIgnoreCase(codec.name()) ? VP8
                    : "vp9".equalsIgnoreCase(codec.name()) ? VP9 : OTHER;
        }
        this.cache = cacheCapacity > 0 ? new RetransmissionCache(cacheCapacity) : null;
        this.nacks = media.kind() == MediaKind.VIDEO && media.codecs().stream()
                .anyMatch(codec -> codec.rtcpFeedback().contains("nack")) ? new NackGenerator() : null;
        this.ssrc = media.remoteStreams().isEmpty() ? -1 : media.remoteStreams().get(0).ssrc();
        this.rtxSsrc = media.remoteStreams().isEmpty() ? -1 : media.remoteStreams().get(0).rtxSsrc();
        int levelId = media.kind() == MediaKind.AUDIO ? extensions.id(RtpExtensionUris.SSRC_AUDIO_LEVEL) : -1;
        this.audioLevelId = Math.max(0, levelId);
        this.audioLevels = levelId > 0 ? new AudioLevelMeter() : null;
    }

    /**
     * Takes one decrypted packet of this track's main SSRC: statistics, cache, then fan-out to every sink.
     *
     * @param packet borrows
     * @return false when the packet was a duplicate (already cached) and was not forwarded
     */
    public boolean onRtp(ByteBuf packet, RtpPacketView parsed, long nowMicros) {
        int sequenceNumber = parsed.sequenceNumber();
        if (statistics == null) {
            NegotiatedCodec codec = codecOf(parsed.payloadType());
            statistics = new ReceiveStatistics(parsed.ssrc(), codec == null ? 90000 : codec.clockRate());
        }
        if (cache != null) {
            if (cache.contains(sequenceNumber)) {
                return false;
            }
            cache.put(sequenceNumber, packet);
        }
        statistics.onPacket(sequenceNumber, parsed.timestamp(), nowMicros);
        if (nacks != null && nacks.onPacket(sequenceNumber, nowMicros)) {
            gapSeen = true;
        }
        bitrate.add(packet.readableBytes(), nowMicros);
        measureLayers(packet, parsed, nowMicros);
        if (audioLevels != null) {
            int offset = parsed.findExtension(audioLevelId);
            if (offset >= 0) {
                audioLevels.onElement(packet, offset, parsed.extensionLength(audioLevelId));
            }
        }
        lastPacketMicros = nowMicros;
        for (TrackSink sink : sinks) {
            sink.onRtp(this, packet, nowMicros);
        }
        return true;
    }

    /**
     * Turns an RTX packet (RFC 4588 §4) of this track into the original packet, in place: the original sequence
     * number is read from the payload, the header moves 2 bytes forward over it, and SSRC and payload type are
     * restored. Returns false (packet untouched) when it carries no original packet (padding-only probes).
     *
     * @param packet borrows; on success its readerIndex advances by 2
     */
    public boolean unwrapRtx(ByteBuf packet, RtpPacketView parsed) {
        int apt = rtxApt[parsed.payloadType() & 0x7f];
        if (apt < 0 || parsed.payloadLength() < 2 || ssrc < 0) {
            return false;
        }
        int start = packet.readerIndex();
        int originalSequence = packet.getUnsignedShort(parsed.payloadOffset());
        int headerLength = parsed.headerLength();
        packet.setBytes(start + 2, packet, start, headerLength);
        packet.readerIndex(start + 2);
        view.wrap(packet);
        view.setSequenceNumber(originalSequence);
        view.setSsrc(ssrc);
        view.setPayloadType(apt);
        return true;
    }

    /** Records the publisher's sender report and passes it to the sinks. */
    public void onSenderReport(long ntpTimestamp, long rtpTimestamp, long nowMicros) {
        if (statistics != null) {
            statistics.onSenderReport(ntpTimestamp, nowMicros);
        }
        for (TrackSink sink : sinks) {
            sink.onSenderReport(this, ntpTimestamp, rtpTimestamp);
        }
    }

    /**
     * Whether a keyframe request may go to the publisher now (at most one per 300 ms); records it if so. A request
     * refused by the throttle is not lost: it stays pending until {@link #admitPendingKeyframeRequest} lets it out,
     * so a second viewer that arrives just after the first one still gets its keyframe.
     */
    private long keyframeRequestsAdmitted;
    private long lastPacketMicros = Long.MIN_VALUE;
    private long wantedUntilMicros = Long.MIN_VALUE;

    private final BitrateMeter bitrate = new BitrateMeter();
    /** Video whose publisher negotiated NACK: losses on the way in are asked for once, for every receiver. */
    private final NackGenerator nacks;
    private boolean gapSeen;

    /**
     * The sequence numbers to ask the publisher for now (see {@link NackGenerator}), written into {@code out};
     * returns how many. {@code onlyNewGaps}: nothing unless a packet revealed a new gap since the last call.
     */
    public int missing(long nowMicros, int[] out, boolean onlyNewGaps) {
        if (nacks == null || onlyNewGaps && !gapSeen) {
            return 0;
        }
        gapSeen = false;
        return nacks.collect(nowMicros, out);
    }

    /** Losses given up on (asked for too long), for the metrics. */
    public long lossesGivenUp() {
        return nacks == null ? 0 : nacks.givenUp();
    }
    /** Codec of each payload type as the layer measurement reads it. */
    private static final byte OTHER = 0;
    private static final byte VP8 = 1;
    private static final byte VP9 = 2;
    private final byte[] layerCodec = new byte[128];
    /** Per (spatial, temporal) layer bitrate, once a packet carried layer indices (VP8 TID, VP9 SID/TID). */
    private final LayerMeters layers = new LayerMeters();
    private boolean layered;
    private final Vp8Descriptor vp8 = new Vp8Descriptor();
    private final Vp9Descriptor vp9 = new Vp9Descriptor();
    private long malformedDescriptors;

    private void measureLayers(ByteBuf packet, RtpPacketView parsed, long nowMicros) {
        byte codec = layerCodec[parsed.payloadType() & 0x7f];
        if (codec == VP8) {
            if (vp8.parse(packet, parsed.payloadOffset(), parsed.payloadLength()) && vp8.temporalId() >= 0) {
                layers.add(0, vp8.temporalId(), packet.readableBytes(), nowMicros);
                layered = true;
            }
        } else if (codec == VP9) {
            if (!vp9.parse(packet, parsed.payloadOffset(), parsed.payloadLength())) {
                malformedDescriptors++;
            } else if (vp9.hasLayerIndices()) {
                layers.add(vp9.spatialId(), vp9.temporalId(), packet.readableBytes(), nowMicros);
                layered = true;
            }
        }
    }

    /** The highest temporal layer (VP8 or VP9 TID) this track has carried, -1 when it carries none. */
    public int highestTemporal() {
        return layered ? layers.highestTemporal() : -1;
    }

    /**
     * How many spatial layers this one stream has carried (the highest SID seen plus one): more than 1 only for VP9
     * SVC; 1 for a stream whose descriptors carry layer indices of one spatial layer (VP8 or VP9 temporal layers,
     * a simulcast encoding: simulcast layers are tracks of their own, see the node's SpatialLayers); 0 without.
     */
    public int svcSpatialLayers() {
        return layered ? layers.highestSpatial() + 1 : 0;
    }

    /** VP9 SVC: whether spatial layer {@code spatial} of this stream was received within {@code windowMicros}. */
    public boolean spatialReceivedWithin(int spatial, long nowMicros, long windowMicros) {
        return layered ? layers.spatialSeenWithin(spatial, nowMicros, windowMicros)
                : receivedWithin(nowMicros, windowMicros);
    }

    /** VP9 packets whose payload descriptor could not be parsed (forwarding drops them). */
    public long malformedDescriptors() {
        return malformedDescriptors;
    }

    /**
     * What temporal layers 0..{@code tid} cost together over the last second (a receiver of layer {@code tid} gets all
     * of them); the whole track's bitrate when the track carries no temporal layers.
     */
    public long bitrateBps(int tid, long nowMicros) {
        return bitrateBps(LayerMeters.MAX_INDEX, tid, nowMicros);
    }

    /**
     * What spatial layers 0..{@code spatial} with temporal layers 0..{@code tid} cost together over the last second
     * (what a VP9 SVC receiver of that layer is sent, see {@link LayerMeters}); the whole track's bitrate when it
     * carries no layer indices.
     */
    public long bitrateBps(int spatial, int tid, long nowMicros) {
        return layered ? layers.bitrateBps(spatial, tid, nowMicros) : bitrate.bitrateBps(nowMicros);
    }

    /** What this track (a simulcast layer: one layer) received over the last second, in bits per second. */
    public long bitrateBps(long nowMicros) {
        return bitrate.bitrateBps(nowMicros);
    }

    /**
     * Some receiver, here or on another node, plays this layer or would on an unlimited link, until
     * {@code untilMicros}: the publisher keeps sending it. Layers nobody wants for a while may be paused.
     */
    public void wantedUntil(long untilMicros) {
        wantedUntilMicros = Math.max(wantedUntilMicros, untilMicros);
    }

    /** Whether some receiver wants this layer now (see {@link #wantedUntil}). */
    public boolean wanted(long nowMicros) {
        return nowMicros < wantedUntilMicros;
    }

    /** Whether a packet arrived within {@code windowMicros} of {@code nowMicros} (a simulcast layer still sent). */
    public boolean receivedWithin(long nowMicros, long windowMicros) {
        return lastPacketMicros != Long.MIN_VALUE && nowMicros - lastPacketMicros <= windowMicros;
    }

    public boolean admitKeyframeRequest(long nowMicros) {
        if (keyframeRequested && nowMicros - lastKeyframeRequestMicros < KEYFRAME_REQUEST_INTERVAL_MICROS) {
            keyframePending = true;
            return false;
        }
        keyframeRequested = true;
        keyframePending = false;
        lastKeyframeRequestMicros = nowMicros;
        keyframeRequestsAdmitted++;
        return true;
    }

    /** How many keyframe requests were let through to the publisher so far. */
    public long keyframeRequestsAdmitted() {
        return keyframeRequestsAdmitted;
    }

    /** Whether a throttled keyframe request is due now; records it if so. Called from the owner's timer. */
    public boolean admitPendingKeyframeRequest(long nowMicros) {
        return keyframePending && admitKeyframeRequest(nowMicros);
    }

    /** Ends the track: tells every sink, then frees the cache. */
    public void end() {
        ended = true;
        TrackSink[] last = sinks;
        sinks = NO_SINKS;
        for (TrackSink sink : last) {
            sink.onSourceEnded(this);
        }
        if (cache != null) {
            cache.clear();
        }
    }

    public synchronized void addSink(TrackSink sink) {
        TrackSink[] current = sinks;
        TrackSink[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = sink;
        sinks = next;
    }

    public synchronized void removeSink(TrackSink sink) {
        TrackSink[] current = sinks;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == sink) {
                TrackSink[] next = new TrackSink[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                sinks = next;
                return;
            }
        }
    }

    /** The cached packet with this sequence number (borrowed), or null. Owner loop only. */
    public ByteBuf cached(int sequenceNumber) {
        return cache == null ? null : cache.get(sequenceNumber);
    }

    public NegotiatedCodec codecOf(int payloadType) {
        return codecByPayloadType[payloadType & 0x7f];
    }

    public boolean isRtxPayloadType(int payloadType) {
        return rtxApt[payloadType & 0x7f] >= 0;
    }

    /** Binds SSRCs learned from packets when the offer had no a=ssrc lines (RFC 8843 mid-based demux). */
    public void bindSsrc(long value, boolean rtx) {
        if (rtx) {
            rtxSsrc = value;
        } else {
            ssrc = value;
        }
    }

    /**
     * The RFC 6464 levels of this audio track's packets, for the owner loop's reporting timer; null for video and for
     * audio whose publisher did not negotiate the extension.
     */
    public AudioLevelMeter audioLevels() {
        return audioLevels;
    }

    public ReceiveStatistics statistics() {
        return statistics;
    }

    public int sinkCount() {
        return sinks.length;
    }

    public String peer() {
        return peer;
    }

    public String name() {
        return name;
    }

    public MediaKind kind() {
        return kind;
    }

    public ExtensionIds extensions() {
        return extensions;
    }

    public List<NegotiatedCodec> codecs() {
        return codecs;
    }

    public long ssrc() {
        return ssrc;
    }

    public long rtxSsrc() {
        return rtxSsrc;
    }

    public Executor owner() {
        return owner;
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public String toString() {
        return peer + "/" + name;
    }
}
