package io.mediamesh.core.sfu;

import io.mediamesh.core.codec.KeyframeDetector;
import io.mediamesh.core.codec.Vp8Descriptor;
import io.mediamesh.core.codec.Vp9Descriptor;
import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RtpExtensionUris;
import io.mediamesh.core.sfu.layer.LayerSwitcher;
import io.mediamesh.core.sfu.layer.LayerTarget;
import io.mediamesh.core.sfu.layer.Vp8PictureRewriter;
import io.mediamesh.proto.rtcp.Goodbye;
import io.mediamesh.proto.rtcp.SenderReport;
import io.mediamesh.proto.rtp.RedPayload;
import io.mediamesh.proto.rtp.RtpHeaderExtensions;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * What one subscriber receives on one of its m-lines: packets of the attached {@link PublishedTrack}, rewritten to
 * the subscriber's SSRC, payload types and header-extension ids, with sequence numbers and timestamps that stay
 * continuous when the source changes (a new source starts at its next keyframe, so the decoder never sees a broken
 * picture). Answers NACKs from the source's cache as RTX (RFC 4588) when negotiated. When the subscriber negotiated
 * transport-wide congestion control, every packet carries the transport's next sequence number and is reported to
 * its {@link TransportWideSequence} (the bandwidth estimator's input), and {@link #padding} builds the padding-only
 * RTX packets that probe for headroom. For VP8 the picture id and TL0PICIDX are rebased at each change of source (RFC 7741
 * §4.2), so a switch between simulcast encodings, which number their pictures independently, looks to the decoder
 * like one continuous stream. For VP9 SVC (all spatial layers in one stream) a {@link LayerSwitcher} in
 * {@link LayerSwitcher.Mode#SVC} drops the layer frames above the receiver's spatial and temporal target (up at a key
 * picture, which {@link #layerKeyframeRequestDue} asks for; down at the next picture), sets the RTP marker on the last
 * packet of the highest forwarded layer of each picture, and packets with a malformed descriptor are dropped and
 * counted; the picture ids stay (every layer of a picture shares one, and the higher temporal layers dropped are
 * not referenced by the ones kept).
 *
 * <p>Owned by the subscriber's event loop; no locks. {@link #attach} and {@link #detach} also run there.
 */
public final class OutgoingStream {
    /** Extensions that describe the publisher's own m-line and must never be forwarded as they are. */
    private static final List<String> NOT_FORWARDED =
            List.of(RtpExtensionUris.MID, RtpExtensionUris.RID, RtpExtensionUris.REPAIRED_RID,
                    RtpExtensionUris.TRANSPORT_WIDE_CC);

    private final NegotiatedMedia media;
    private final long ssrc;
    private final long rtxSsrc;
    private final RtpPacketView view = new RtpPacketView();
    private final int transportExtensionId;
    private final int paddingPayloadType;
    private TransportWideSequence transport;
    private final Vp8Descriptor vp8 = new Vp8Descriptor();
    private final Vp8PictureRewriter vp8Pictures = new Vp8PictureRewriter();
    private boolean vp8Source;
    private boolean rebasePictures;
    /** VP8 temporal layers: the highest the receiver may get, the highest forwarded now, the frame being dropped. */
    private int maxTemporal = 2;
    private int forwardTemporal = 2;
    private boolean droppingFrame;
    private long droppedFrameTimestamp = -1;
    /** VP9 SVC: at most one keyframe request per this interval while an up-switch waits for a key picture. */
    private static final long SVC_KEYFRAME_REQUEST_MILLIS = 500;
    private final Vp9Descriptor vp9 = new Vp9Descriptor();
    private final LayerSwitcher svc = new LayerSwitcher(LayerSwitcher.Mode.SVC, SVC_KEYFRAME_REQUEST_MILLIS);
    private boolean vp9Source;
    private int maxSpatial = 2;
    private long malformed;
    private static final long MARKER = 1L << 16;
    private static final int GENERATION_SHIFT = 33;
    private static final int GENERATION_MASK = 0x3fff_ffff;
    /**
     * Our sequence number → the source's, for NACKs (dropped packets make the offset vary), with the marker bit we
     * sent it with (set on a packet the source had without it, VP9 SVC): (ours << 17) | marker << 16 | source.
     */
    private final long[] sequenceMap = new long[1024];
    private PublishedTrack source;
    private byte[] payloadTypeMap;
    /** The source's RED payload type, when this subscriber did not negotiate RED: its primary block is sent alone. */
    private int redUnwrapped = -1;
    /** The source's RED payload type, when forwarded as RED whose block headers need this subscriber's types. */
    private int redRemapped = -1;
    private byte[] rtxPayloadTypeMap;
    private byte[] extensionMap;
    private boolean waitForKeyframe;
    private boolean resync = true;
    private boolean sentAny;
    private int sequenceOffset;
    /** Counts {@link #attach}es: the sequence map tags each entry with the source generation that sent it. */
    private int sourceGeneration;
    /** Our first sequence number of the current source, -1 before its first packet. */
    private int sourceFirstSequence = -1;
    private long timestampOffset;
    private int lastSequence;
    private long lastTimestamp;
    private long lastSentMicros;
    private int clockRate = 90000;
    private int rtxSequence;
    private long packetsSent;
    private long octetsSent;
    private long dropped;

    public OutgoingStream(NegotiatedMedia media) {
        this.media = media;
        this.ssrc = media.localSsrc();
        this.rtxSsrc = media.localRtxSsrc();
        this.rtxSequence = (int) (ssrc & 0x7fff);
        this.transportExtensionId = Math.max(0, media.extensions().id(RtpExtensionUris.TRANSPORT_WIDE_CC));
        this.paddingPayloadType = media.codecs().stream().mapToInt(NegotiatedCodec::rtxPayloadType)
                .filter(pt -> pt >= 0).findFirst().orElse(-1);
        java.util.Arrays.fill(sequenceMap, -1);
        svc.target(new LayerTarget(maxSpatial, maxTemporal));
    }

    /**
     * The highest VP8 temporal layer (TID) to forward, 0..2. Going down takes effect at the next frame; going up at
     * the next base-layer frame (TID 0), which every higher layer's frames after it may reference. Whole frames are
     * dropped and the sequence numbers stay continuous.
     */
    public void maxTemporal(int tid) {
        int value = Math.max(0, Math.min(2, tid));
        if (value != maxTemporal) {
            maxTemporal = value;
            svc.target(new LayerTarget(maxSpatial, maxTemporal));
        }
    }

    /**
     * VP9 SVC: the highest spatial layer (SID) to forward, 0..2 (the temporal one is {@link #maxTemporal}). Going up
     * waits for a key picture (see {@link #layerKeyframeRequestDue}), going down takes effect at the next picture.
     * No effect on other codecs, whose spatial layers are tracks of their own.
     */
    public void maxSpatial(int sid) {
        int value = Math.max(0, Math.min(2, sid));
        if (value != maxSpatial) {
            maxSpatial = value;
            svc.target(new LayerTarget(maxSpatial, maxTemporal));
        }
    }

    /** The highest temporal layer forwarded now (VP9 SVC: -1 before the first key picture). */
    public int forwardedTemporal() {
        return vp9Source ? svc.currentTemporal() : forwardTemporal;
    }

    /** Whether the source is VP9, whose spatial layers (if any) travel in this one stream. */
    public boolean svc() {
        return source != null && vp9Source;
    }

    /** VP9: the spatial layer forwarded now, -1 before the first key picture or for another codec. */
    public int forwardedSpatial() {
        return vp9Source ? svc.currentSpatial() : -1;
    }

    /** VP9: the spatial layer an up-switch waits for a key picture of, -1 when none. */
    public int pendingSpatial() {
        return vp9Source ? svc.pendingSpatial() : -1;
    }

    /**
     * VP9: whether to ask the publisher for a key picture now, because an up-switch waits for one; records the request
     * (the next comes {@value #SVC_KEYFRAME_REQUEST_MILLIS} ms later at the earliest).
     */
    public boolean layerKeyframeRequestDue(long nowMicros) {
        return source != null && vp9Source && svc.keyframeRequestDue(nowMicros / 1000);
    }

    /** VP9 packets dropped because their payload descriptor could not be parsed. */
    public long malformed() {
        return malformed;
    }

    /**
     * Numbers every packet from now on with {@code sequence}, when the subscriber negotiated the transport-wide
     * sequence number extension (otherwise nothing changes).
     */
    public void useTransportWideSequence(TransportWideSequence sequence) {
        this.transport = transportExtensionId > 0 ? sequence : null;
    }

    /** Whether packets of this stream carry transport-wide sequence numbers. */
    public boolean transportWide() {
        return transport != null;
    }

    /** Starts forwarding {@code track}; returns false when the subscriber negotiated none of its codecs. */
    public boolean attach(PublishedTrack track) {
        byte[] map = CodecMatcher.payloadTypeMap(track.codecs(), media.codecs());
        boolean any = false;
        byte[] rtxMap = new byte[128];
        java.util.Arrays.fill(rtxMap, CodecMatcher.NONE);
        for (NegotiatedCodec codec : track.codecs()) {
            int mapped = map[codec.payloadType() & 0x7f];
            if (mapped >= 0) {
                any = true;
                for (NegotiatedCodec own : media.codecs()) {
                    if (own.payloadType() == mapped && own.rtxPayloadType() >= 0) {
                        rtxMap[mapped] = (byte) own.rtxPayloadType();
                    }
                }
            }
        }
        int unwrapped = -1;
        int remapped = -1;
        for (NegotiatedCodec codec : track.codecs()) {
            if (!codec.name().equals("red")) {
                continue;
            }
            int primary = codec.redBlockPayloadType();
            int mappedPrimary = primary < 0 ? -1 : map[primary];
            if (map[codec.payloadType() & 0x7f] < 0) {
                unwrapped = mappedPrimary >= 0 ? codec.payloadType() : -1;
            } else if (mappedPrimary != primary) {
                remapped = codec.payloadType();
            }
        }
        if (!any) {
            return false;
        }
        this.redUnwrapped = unwrapped;
        this.redRemapped = remapped;
        this.source = track;
        this.payloadTypeMap = map;
        this.rtxPayloadTypeMap = rtxMap;
        this.extensionMap = extensionMap(track.extensions(), media.extensions());
        this.clockRate = track.codecs().get(0).clockRate();
        this.waitForKeyframe = KeyframeDetector.needsKeyframe(track.codecs().get(0).name());
        this.vp8Source = "vp8".equalsIgnoreCase(track.codecs().get(0).name());
        this.vp9Source = "vp9".equalsIgnoreCase(track.codecs().get(0).name());
        svc.restart();
        this.droppingFrame = false;
        this.resync = true;
        this.sourceGeneration = (sourceGeneration + 1) & GENERATION_MASK;
        this.sourceFirstSequence = -1;
        return true;
    }

    /** Stops forwarding; a later {@link #attach} continues the same sequence and timestamp line. */
    public void detach() {
        source = null;
    }

    /**
     * Rewrites one packet of the attached source for this subscriber.
     *
     * @param packet borrows: a decrypted RTP packet of {@code from}
     * @param reserve writable bytes to leave after the packet (the SRTP tag)
     * @return a new buffer the caller owns (plain RTP, still to protect), or null when the packet is not forwarded
     */
    public ByteBuf forward(PublishedTrack from, ByteBuf packet, long nowMicros, ByteBufAllocator allocator,
            int reserve) {
        if (from != source) {
            return null;
        }
        RtpPacketView in = view.wrap(packet);
        int payloadType = payloadTypeMap[in.payloadType() & 0x7f];
        int payloadOffset = in.payloadOffset();
        int payloadLength = in.payloadLength();
        if (in.payloadType() == redUnwrapped) {
            // RED this subscriber cannot take: its primary block alone, as the plain codec (RFC 2198 §3).
            long primary = RedPayload.primary(packet, payloadOffset, payloadLength);
            payloadType = primary < 0 ? -1 : payloadTypeMap[RedPayload.payloadType(primary)];
            payloadOffset = RedPayload.dataOffset(primary);
            payloadLength = RedPayload.dataLength(primary);
        }
        if (payloadType < 0) {
            dropped++;
            return null;
        }
        if (waitForKeyframe) {
            NegotiatedCodec codec = from.codecOf(in.payloadType());
            if (!KeyframeDetector.isKeyframe(codec.name(), packet, in.payloadOffset(), in.payloadLength())) {
                dropped++;
                return null;
            }
            waitForKeyframe = false;
        }
        if (resync) {
            resync(in.sequenceNumber(), in.timestamp(), nowMicros);
            rebasePictures = true;
        }
        boolean marker = in.marker();
        if (vp8Source && dropsTemporal(in)) {
            sequenceOffset = (sequenceOffset - 1) & 0xffff;
            dropped++;
            return null;
        }
        if (vp9Source) {
            if (!vp9.parse(packet, in.payloadOffset(), in.payloadLength())) {
                malformed++;
                sequenceOffset = (sequenceOffset - 1) & 0xffff;
                dropped++;
                return null;
            }
            if (!svc.accept(vp9.spatialId(), vp9.temporalId(), vp9.beginningOfFrame(), vp9.endOfFrame(),
                    vp9.keyframe(), vp9.switchingUp())) {
                sequenceOffset = (sequenceOffset - 1) & 0xffff;
                dropped++;
                return null;
            }
            marker |= svc.setMarker();
        }
        int sequence = (in.sequenceNumber() + sequenceOffset) & 0xffff;
        sequenceMap[sequence & (sequenceMap.length - 1)] = ((long) sourceGeneration << GENERATION_SHIFT)
                | ((long) sequence << 17) | (marker ? MARKER : 0) | in.sequenceNumber();
        long timestamp = (in.timestamp() + timestampOffset) & 0xffffffffL;
        if (!sentAny || ((sequence - lastSequence) & 0xffff) < 0x8000) {
            lastSequence = sequence;
            lastTimestamp = timestamp;
            lastSentMicros = nowMicros;
        }
        sentAny = true;
        ByteBuf out = write(in, payloadType, marker, sequence, timestamp, ssrc, false, allocator, reserve, 0,
                nowMicros, payloadOffset, payloadLength);
        if (vp8Source) {
            rewritePictureIds(out, out.writerIndex() - in.paddingLength() - in.payloadLength(), in.payloadLength(),
                    rebasePictures);
            rebasePictures = false;
        } else if (in.payloadType() == redRemapped && !RedPayload.remapBlockTypes(out,
                out.writerIndex() - in.paddingLength() - payloadLength, payloadLength, payloadTypeMap)) {
            out.release();
            dropped++;
            return null;
        }
        packetsSent++;
        octetsSent += payloadLength;
        return out;
    }

    /**
     * Builds the retransmission of a cached source packet: RTX on the subscriber's RTX SSRC when negotiated, else the
     * same packet again.
     *
     * @param cached borrows: the decrypted source packet from the source's cache
     * @return a new buffer the caller owns, or null when it cannot be sent (another source, unknown payload type)
     */
    public ByteBuf retransmit(PublishedTrack from, ByteBuf cached, int sequence, ByteBufAllocator allocator,
            int reserve, long nowMicros) {
        if (from != source || resync) {
            return null;
        }
        RtpPacketView in = view.wrap(cached);
        int payloadType = payloadTypeMap[in.payloadType() & 0x7f];
        if (payloadType < 0) {
            return null;
        }
        long timestamp = (in.timestamp() + timestampOffset) & 0xffffffffL;
        long entry = sequenceMap[sequence & (sequenceMap.length - 1)];
        boolean marker = in.marker()
                || entry >= 0 && (int) ((entry >>> 17) & 0xffff) == sequence && (entry & MARKER) != 0;
        int rtxPayloadType = rtxPayloadTypeMap[payloadType];
        if (rtxPayloadType >= 0 && rtxSsrc >= 0) {
            rtxSequence = (rtxSequence + 1) & 0xffff;
            ByteBuf rtx = write(in, rtxPayloadType, marker, rtxSequence, timestamp, rtxSsrc, true, allocator, reserve,
                    sequence, nowMicros, in.payloadOffset(), in.payloadLength());
            if (vp8Source) {
                rewritePictureIds(rtx, rtx.writerIndex() - in.payloadLength(), in.payloadLength(), false);
            }
            return rtx;
        }
        ByteBuf again = write(in, payloadType, marker, sequence, timestamp, ssrc, false, allocator, reserve, 0,
                nowMicros, in.payloadOffset(), in.payloadLength());
        if (vp8Source) {
            rewritePictureIds(again, again.writerIndex() - in.paddingLength() - in.payloadLength(),
                    in.payloadLength(), false);
        }
        return again;
    }

    /** Rewrites the VP8 descriptor of a packet built for this stream in place (see the class comment). */
    private void rewritePictureIds(ByteBuf packet, int payloadOffset, int payloadLength, boolean rebase) {
        if (!vp8.parse(packet, payloadOffset, payloadLength)) {
            return;
        }
        vp8Pictures.map(vp8.pictureId(), vp8.tl0PicIdx(), rebase);
        if (vp8Pictures.pictureId() >= 0) {
            vp8.writePictureId(packet, vp8Pictures.pictureId());
        }
        if (vp8Pictures.tl0PicIdx() >= 0) {
            vp8.writeTl0PicIdx(packet, vp8Pictures.tl0PicIdx());
        }
    }

    /**
     * A padding-only RTX packet of {@code bytes} padding (1..255) on this stream's RTX SSRC, for probing: it carries a
     * transport-wide sequence number, so the estimator sees it arrive, and no media (RFC 3550 §5.1 padding, which a
     * receiver discards). Null when the stream has no RTX, no transport-wide numbering or has sent nothing yet.
     */
    public ByteBuf padding(int bytes, ByteBufAllocator allocator, int reserve, long nowMicros) {
        if (transport == null || paddingPayloadType < 0 || rtxSsrc < 0 || !sentAny || bytes < 1 || bytes > 255) {
            return null;
        }
        ByteBuf out = allocator.heapBuffer(12 + 8 + bytes + reserve);
        rtxSequence = (rtxSequence + 1) & 0xffff;
        out.writeByte(0x80 | 0x20 | 0x10);
        out.writeByte(paddingPayloadType);
        out.writeShort(rtxSequence);
        out.writeInt((int) lastTimestamp);
        out.writeInt((int) rtxSsrc);
        int transportSequence = transport.next();
        out.writeShort(RtpPacketView.ONE_BYTE_PROFILE);
        out.writeShort(1);
        out.writeByte((transportExtensionId << 4) | 1);
        out.writeShort(transportSequence);
        out.writeByte(0);
        out.writeZero(bytes - 1);
        out.writeByte(bytes);
        transport.sent(transportSequence, out.readableBytes() + reserve, nowMicros);
        return out;
    }

    /**
     * The source sequence number of one of our sequence numbers (for NACKs): the packet forwarded under it, or for a
     * number never forwarded (lost before it reached the node) the one at the current offset; -1 with no source, and
     * for a number of an earlier source (before a layer or source switch): the current source's cache has another
     * packet under that number, which must not be sent in its place.
     */
    public int toSourceSequence(int sequence) {
        if (source == null || resync) {
            return -1;
        }
        long entry = sequenceMap[sequence & (sequenceMap.length - 1)];
        if (entry >= 0 && (int) ((entry >>> 17) & 0xffff) == sequence) {
            return (int) (entry >>> GENERATION_SHIFT) == sourceGeneration ? (int) (entry & 0xffff) : -1;
        }
        if (sourceFirstSequence < 0 || ((sequence - sourceFirstSequence) & 0xffff) >= 0x8000) {
            return -1;
        }
        // Never forwarded: a packet lost on its way from the publisher, asked of it at the current offset.
        return (sequence - sequenceOffset) & 0xffff;
    }

    /** Whether this VP8 packet belongs to a frame of a temporal layer above what is forwarded (see maxTemporal). */
    private boolean dropsTemporal(RtpPacketView in) {
        if (maxTemporal >= 2 && forwardTemporal >= 2 && !droppingFrame) {
            return false;
        }
        if (!vp8.parse(in.buffer(), in.payloadOffset(), in.payloadLength()) || vp8.temporalId() < 0) {
            return false;
        }
        if (vp8.startOfPartition() && vp8.partitionId() == 0) {
            int tid = vp8.temporalId();
            if (maxTemporal < forwardTemporal || tid == 0) {
                forwardTemporal = maxTemporal;
            }
            droppingFrame = tid > forwardTemporal;
            droppedFrameTimestamp = in.timestamp();
        }
        return droppingFrame && in.timestamp() == droppedFrameTimestamp;
    }

    /** Our sender report for the source's (NTP, RTP timestamp) pair, or null before the first packet. */
    public SenderReport senderReport(long ntpTimestamp, long sourceRtpTimestamp) {
        if (!sentAny || resync) {
            return null;
        }
        return new SenderReport(ssrc, ntpTimestamp, (sourceRtpTimestamp + timestampOffset) & 0xffffffffL,
                packetsSent & 0xffffffffL, octetsSent & 0xffffffffL, List.of());
    }

    /** An RTCP BYE for our SSRCs, sent when the source ends (RFC 3550 §6.6). */
    public Goodbye goodbye(String reason) {
        return rtxSsrc >= 0 ? new Goodbye(List.of(ssrc, rtxSsrc), reason) : new Goodbye(List.of(ssrc), reason);
    }

    private void resync(int sourceSequence, long sourceTimestamp, long nowMicros) {
        if (sentAny) {
            sequenceOffset = (lastSequence + 1 - sourceSequence) & 0xffff;
            long elapsed = Math.max(1, (nowMicros - lastSentMicros) * clockRate / 1_000_000L);
            timestampOffset = (lastTimestamp + elapsed - sourceTimestamp) & 0xffffffffL;
        } else {
            sequenceOffset = 0;
            timestampOffset = 0;
        }
        sourceFirstSequence = (sourceSequence + sequenceOffset) & 0xffff;
        resync = false;
    }

    /** Builds a packet of {@code in}'s header (rewritten) and the payload region given (the whole, or a RED block). */
    private ByteBuf write(RtpPacketView in, int payloadType, boolean marker, int sequence, long timestamp,
            long outSsrc, boolean rtx, ByteBufAllocator allocator, int reserve, int originalSequence, long nowMicros,
            int payloadOffset, int payloadLength) {
        ByteBuf src = in.buffer();
        int padding = rtx || payloadOffset != in.payloadOffset() ? 0 : in.paddingLength();
        int capacity = in.headerLength() + payloadLength + padding + (rtx ? 2 : 0) + reserve + 8;
        ByteBuf out = allocator.heapBuffer(capacity);
        int start = out.writerIndex();
        int csrcCount = in.csrcCount();
        out.writeByte(0x80 | (padding > 0 ? 0x20 : 0) | csrcCount);
        out.writeByte((marker ? 0x80 : 0) | payloadType);
        out.writeShort(sequence);
        out.writeInt((int) timestamp);
        out.writeInt((int) outSsrc);
        for (int i = 0; i < csrcCount; i++) {
            out.writeInt((int) in.csrc(i));
        }
        int transportSequence = -1;
        if (transport != null) {
            transportSequence = transport.next();
            RtpHeaderExtensions.writeRemapped(in, extensionMap, out, transportExtensionId, transportSequence);
            out.setByte(start, out.getByte(start) | 0x10);
        } else if (in.hasExtension() && RtpHeaderExtensions.writeRemapped(in, extensionMap, out) > 0) {
            out.setByte(start, out.getByte(start) | 0x10);
        }
        if (rtx) {
            out.writeShort(originalSequence);
        }
        out.writeBytes(src, payloadOffset, payloadLength + padding);
        if (transportSequence >= 0) {
            transport.sent(transportSequence, out.readableBytes() + reserve, nowMicros);
        }
        return out;
    }

    private static byte[] extensionMap(ExtensionIds from, ExtensionIds to) {
        byte[] map = from.remapTo(to);
        for (String uri : NOT_FORWARDED) {
            int id = from.id(uri);
            if (id > 0) {
                map[id] = 0;
            }
        }
        return map;
    }

    /** Whether the stream is holding back its source until the next keyframe. */
    public boolean waitingForKeyframe() {
        return source != null && waitForKeyframe;
    }

    public PublishedTrack source() {
        return source;
    }

    public NegotiatedMedia media() {
        return media;
    }

    public long ssrc() {
        return ssrc;
    }

    public long rtxSsrc() {
        return rtxSsrc;
    }

    /** RTP payload octets sent, as in our sender reports (RFC 3550 §6.4.1). */
    public long octetsSent() {
        return octetsSent;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long dropped() {
        return dropped;
    }
}
