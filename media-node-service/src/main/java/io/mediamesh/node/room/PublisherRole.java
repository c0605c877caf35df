package io.mediamesh.node.room;

import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RtpExtensionUris;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.node.session.SessionRole;
import io.mediamesh.node.session.WebRtcSession;
import io.mediamesh.proto.rtcp.ReceiverReport;
import io.mediamesh.proto.rtcp.ReportBlock;
import io.mediamesh.proto.rtcp.RtcpPacket;
import io.mediamesh.proto.rtcp.SenderReport;
import io.mediamesh.proto.rtcp.fb.PictureLossIndication;
import io.mediamesh.proto.rtcp.fb.ReceiverEstimatedMaxBitrate;
import io.mediamesh.proto.rtcp.fb.TransportLayerNack;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WHIP publisher: each accepted m-line of its offer becomes a {@link PublishedTrack} of the room. It feeds decrypted
 * packets to the tracks (unwrapping RTX), passes sender reports on, and sends the publisher receiver reports, REMB
 * (the bitrate cap) and the keyframe requests and NACKs its viewers ask for; it tells the room which simulcast layers
 * nobody wants ({@link LayerDemand}). Event loop only.
 */
public final class PublisherRole implements SessionRole, Publisher {
    private static final long REPORT_INTERVAL_MICROS = 1_000_000;

    private final WebRtcSession session;
    private final Room room;
    private final String peer;
    private final List<PublishedTrack> tracks = new ArrayList<>();
    private final List<NegotiatedMedia> trackMedia = new ArrayList<>();
    /** The simulcast rid of each track (null when its m-line is not simulcast), in the order of {@link #tracks}. */
    private final List<String> trackRids = new ArrayList<>();
    private final long[] ignoredSsrcs = new long[16];
    private int ignoredCount;
    private final RtpPacketView view = new RtpPacketView();
    private final long localSsrc = ThreadLocalRandom.current().nextLong(1, 0xffffffffL);
    private long lastReportMicros;
    /** Transport-wide feedback for the publisher's congestion control, when it negotiated transport-cc. */
    private final int[] missing = new int[64];
    private final io.mediamesh.core.bwe.TransportFeedbackRecorder transportFeedback =
            new io.mediamesh.core.bwe.TransportFeedbackRecorder();
    private int transportCcId;

    private boolean connected;
    /** Per simulcast track (base name): the layer count last announced, and when the track was first seen. */
    private final Map<String, long[]> announcedLayers = new java.util.HashMap<>();
    private long rembBps = -1;
    /** Whether the publisher switches unwanted layers off when told (SDK), rather than being capped by REMB (WHIP). */
    private final boolean switchesLayers;

    /**
     * A WHIP publisher: tracks named {@code video_main}, {@code audio_main}, {@code video_2}, ...; its simulcast
     * layers nobody wants are paused by capping its REMB.
     */
    public PublisherRole(WebRtcSession session, Room room, String peer, List<NegotiatedMedia> media) {
        this(session, room, peer, media, Map.of(), false);
    }

    /**
     * An SDK publisher, whose SDK switches the simulcast encodings nobody wants off itself when the room says so
     * ({@link LayerDemand}); its REMB stays at the configured maximum, so its encoder's estimate is never held down.
     *
     * @param names the track name of each mid (an SDK sender's name, such as {@code camera}); mids not named get the
     *              WHIP names
     */
    public PublisherRole(WebRtcSession session, Room room, String peer, List<NegotiatedMedia> media,
            Map<String, String> names) {
        this(session, room, peer, media, names, true);
    }

    private PublisherRole(WebRtcSession session, Room room, String peer, List<NegotiatedMedia> media,
            Map<String, String> names, boolean switchesLayers) {
        this.switchesLayers = switchesLayers;
        this.session = session;
        this.room = room;
        this.peer = peer;
        for (NegotiatedMedia m : media) {
            if (publishes(m)) {
                addTrack(m, names);
            }
        }
    }

    private static boolean publishes(NegotiatedMedia m) {
        return m.accepted() && m.direction().equals("recvonly");
    }

    /**
     * Adds the track of an m-line, named by the sender (else {@code video_main}, {@code audio_2}, ...). A simulcast
     * m-line becomes one track per encoding, in rid order from the lowest (legacy simulcast: in the order of its
     * {@code a=ssrc-group:SIM}, each layer bound to its SSRC at once): the base name for spatial layer 0 and
     * {@code <name>#1}, {@code <name>#2} for the others ({@link SpatialLayers}); SDK receivers pick among them.
     *
     * @return the first track added
     */
    private PublishedTrack addTrack(NegotiatedMedia m, Map<String, String> names) {
        boolean isVideo = m.kind() == MediaKind.VIDEO;
        String name = names.get(m.mid());
        if (name == null || trackNamed(name) != null) {
            String base = isVideo ? "video" : "audio";
            name = trackNamed(base + "_main") == null ? base + "_main" : null;
            for (int n = 2; name == null; n++) {
                name = trackNamed(base + "_" + n) == null ? base + "_" + n : null;
            }
        }
        int cache = isVideo ? session.environment().retransmissionCachePackets() : 0;
        // BUNDLEd m-lines share their extension ids (RFC 8843 §9.1), so any of them tells the transport-cc id.
        transportCcId = Math.max(transportCcId, m.extensions().id(RtpExtensionUris.TRANSPORT_WIDE_CC));
        List<String> rids = m.rids().size() > 1 ? m.rids() : java.util.Collections.singletonList(
                m.rids().isEmpty() ? null : m.rids().get(0));
        // Legacy simulcast (a=ssrc-group:SIM, no rids): one layer per announced SSRC, lowest first, bound at once.
        boolean legacy = isVideo && m.rids().isEmpty() && m.remoteStreams().size() > 1;
        int layers = legacy ? Math.min(m.remoteStreams().size(), SpatialLayers.MAX_LAYER + 1) : rids.size();
        PublishedTrack first = null;
        for (int layer = 0; layer < layers; layer++) {
            PublishedTrack track = new PublishedTrack(peer, SpatialLayers.name(name, layer), m,
                    session.environment().loop(), cache);
            if (legacy) {
                track.bindSsrc(m.remoteStreams().get(layer).ssrc(), false);
                track.bindSsrc(m.remoteStreams().get(layer).rtxSsrc(), true);
            }
            tracks.add(track);
            trackMedia.add(m);
            trackRids.add(legacy ? null : rids.get(layer));
            first = first == null ? track : first;
        }
        return first;
    }

    /**
     * A new offer on the live session (an SDK sender attached or detached): m-lines that now send and had no track
     * become tracks of the room, and the tracks whose m-line stopped sending (inactive, or rejected) end. Tracks that
     * go on keep their state; their m-line's payload types and extension ids do not change in a renegotiation.
     */
    @Override
    public void renegotiated(List<NegotiatedMedia> media, Map<String, String> names, long nowMicros) {
        for (int i = tracks.size() - 1; i >= 0; i--) {
            String mid = trackMedia.get(i).mid();
            NegotiatedMedia now = media.stream().filter(m -> m.mid().equals(mid)).findFirst().orElse(null);
            if (now == null || !publishes(now)) {
                PublishedTrack track = tracks.remove(i);
                NegotiatedMedia was = trackMedia.remove(i);
                trackRids.remove(i);
                if (connected) {
                    room.trackRemoved(this, track, was);
                } else {
                    track.end();
                }
            }
        }
        for (NegotiatedMedia m : media) {
            if (publishes(m) && trackMedia.stream().noneMatch(t -> t.mid().equals(m.mid()))) {
                int from = tracks.size();
                addTrack(m, names);
                if (connected) {
                    for (PublishedTrack track : List.copyOf(tracks.subList(from, tracks.size()))) {
                        room.trackAdded(this, track);
                    }
                }
            }
        }
    }

    @Override
    public void onConnected(long nowMicros) {
        connected = true;
        room.addPublisher(this);
    }

    @Override
    public void onRtp(ByteBuf packet, long nowMicros) {
        RtpPacketView parsed = view.wrap(packet);
        long ssrc = parsed.ssrc();
        if (transportCcId > 0) {
            int offset = parsed.findExtension(transportCcId);
            if (offset >= 0 && parsed.extensionLength(transportCcId) >= 2) {
                transportFeedback.onPacket(packet.getUnsignedShort(offset), nowMicros);
            }
        }
        for (PublishedTrack track : tracks) {
            if (track.ssrc() == ssrc) {
                track.onRtp(packet, parsed, nowMicros);
                askForMissing(track, nowMicros, true);
                return;
            }
            if (track.rtxSsrc() == ssrc) {
                if (track.unwrapRtx(packet, parsed)) {
                    track.onRtp(packet, view.wrap(packet), nowMicros);
                }
                return;
            }
        }
        if (isIgnored(ssrc)) {
            session.environment().metrics().dropped("unforwarded-ssrc");
            return;
        }
        PublishedTrack bound = bindUnknownSsrc(parsed);
        if (bound == null) {
            ignore(ssrc);
            session.environment().metrics().dropped("unknown-ssrc");
        } else {
            onRtp(packet, nowMicros);
        }
    }

    /**
     * Learns an SSRC the offer did not list (Chrome lists none for simulcast), from the mid header extension
     * (RFC 8843 §9.2) and, for simulcast, the rid / repaired-rid extensions (RFC 8852): each encoding binds to the
     * layer track of its rid. Packets that match no track are remembered as ignored, so they cost one array scan.
     */
    private PublishedTrack bindUnknownSsrc(RtpPacketView parsed) {
        for (int i = 0; i < tracks.size(); i++) {
            PublishedTrack track = tracks.get(i);
            NegotiatedMedia m = trackMedia.get(i);
            String mid = extensionText(parsed, track, RtpExtensionUris.MID);
            if (mid == null || !mid.equals(m.mid())) {
                continue;
            }
            boolean rtx = track.isRtxPayloadType(parsed.payloadType());
            String wanted = trackRids.get(i);
            if (wanted != null) {
                String rid = extensionText(parsed, track, rtx ? RtpExtensionUris.REPAIRED_RID : RtpExtensionUris.RID);
                if (!wanted.equals(rid)) {
                    continue;
                }
            }
            if (rtx ? track.rtxSsrc() < 0 : track.ssrc() < 0) {
                track.bindSsrc(parsed.ssrc(), rtx);
                return track;
            }
            return null;
        }
        return null;
    }

    private static String extensionText(RtpPacketView parsed, PublishedTrack track, String uri) {
        int id = track.extensions().id(uri);
        int offset = id > 0 ? parsed.findExtension(id) : -1;
        return offset < 0 ? null
                : parsed.buffer().toString(offset, parsed.extensionLength(id), StandardCharsets.US_ASCII);
    }

    private boolean isIgnored(long ssrc) {
        for (int i = 0; i < ignoredCount; i++) {
            if (ignoredSsrcs[i] == ssrc) {
                return true;
            }
        }
        return false;
    }

    private void ignore(long ssrc) {
        ignoredSsrcs[ignoredCount % ignoredSsrcs.length] = ssrc;
        ignoredCount = Math.min(ignoredCount + 1, ignoredSsrcs.length);
    }

    @Override
    public void onRtcp(List<RtcpPacket> packets, long nowMicros) {
        for (RtcpPacket packet : packets) {
            if (packet instanceof SenderReport report) {
                for (PublishedTrack track : tracks) {
                    if (track.ssrc() == report.ssrc()) {
                        track.onSenderReport(report.ntpTimestamp(), report.rtpTimestamp(), nowMicros);
                    }
                }
            }
        }
    }

    /**
     * NACKs the publisher for what {@code track} misses: at once for a gap the last packet revealed, and on every
     * tick for the retries. The receivers' own NACKs then find the repaired packets in the track's cache.
     */
    private void askForMissing(PublishedTrack track, long nowMicros, boolean onlyNewGaps) {
        int n = track.missing(nowMicros, missing, onlyNewGaps);
        if (n > 0 && track.ssrc() >= 0) {
            List<Integer> sequences = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sequences.add(missing[i]);
            }
            session.sendRtcp(List.of(new TransportLayerNack(localSsrc, track.ssrc(), sequences)));
            session.environment().metrics().nacksToPublishers(n);
        }
    }

    @Override
    public void onTick(long nowMicros) {
        for (PublishedTrack track : tracks) {
            if (track.ssrc() >= 0 && track.admitPendingKeyframeRequest(nowMicros)) {
                session.sendRtcp(List.of(new PictureLossIndication(localSsrc, track.ssrc())));
            }
            askForMissing(track, nowMicros, false);
        }
        sendTransportFeedback();
        long cap = connected ? controlLayers(nowMicros) : session.environment().publisherMaxBitrate();
        boolean raised = rembBps >= 0 && cap > rembBps;
        if (nowMicros - lastReportMicros < REPORT_INTERVAL_MICROS) {
            ReceiverEstimatedMaxBitrate remb = raised ? remb(cap) : null;
            if (remb != null) {
                // A paused layer is wanted again: lift the cap now rather than at the next report.
                session.sendRtcp(List.of(remb));
            }
            return;
        }
        lastReportMicros = nowMicros;
        List<ReportBlock> blocks = new ArrayList<>();
        for (PublishedTrack track : tracks) {
            if (track.statistics() != null) {
                blocks.add(track.statistics().report(nowMicros));
            }
        }
        if (blocks.isEmpty()) {
            return;
        }
        List<RtcpPacket> compound = new ArrayList<>(2);
        compound.add(new ReceiverReport(localSsrc, blocks));
        ReceiverEstimatedMaxBitrate remb = remb(cap);
        if (remb != null) {
            compound.add(remb);
        }
        session.sendRtcp(compound);
    }

    /** A REMB of {@code bps} for the video tracks that have sent, remembered as the last one; null when none has. */
    private ReceiverEstimatedMaxBitrate remb(long bps) {
        List<Long> videoSsrcs = new ArrayList<>();
        for (PublishedTrack track : tracks) {
            if (track.kind() == MediaKind.VIDEO && track.statistics() != null) {
                videoSsrcs.add(track.ssrc());
            }
        }
        if (videoSsrcs.isEmpty()) {
            return null;
        }
        rembBps = bps;
        return new ReceiverEstimatedMaxBitrate(localSsrc, bps, videoSsrcs);
    }

    /**
     * Publisher-side control ({@link LayerDemand}): announces to the room how many layers of each simulcast track
     * anybody wants (a pause only once the track is older than the want's hold, so a new track is not paused before
     * its receivers had a tick to ask), and returns the REMB that follows: for a WHIP publisher the cap of what the
     * announced layers use, for an SDK publisher (which switches encodings off itself) the configured maximum.
     */
    private long controlLayers(long nowMicros) {
        List<LayerDemand.TrackUse> uses = new ArrayList<>(tracks.size());
        for (PublishedTrack track : tracks) {
            if (track.kind() != MediaKind.VIDEO || SpatialLayers.isHigherLayer(track.name())) {
                continue;
            }
            List<PublishedTrack> layers = SpatialLayers.of(this, track.name());
            int active = LayerDemand.activeLayers(layers, nowMicros);
            long[] bps = new long[layers.size()];
            for (int index = 0; index < bps.length; index++) {
                bps[index] = layers.get(index) == null ? 0 : layers.get(index).bitrateBps(nowMicros);
            }
            int decided = active;
            if (layers.size() > 1) {
                long[] announced = announcedLayers.computeIfAbsent(track.name(),
                        name -> new long[] {layers.size(), nowMicros});
                boolean settled = nowMicros - announced[1] >= LayerDemand.HOLD_MICROS;
                if (active > announced[0] || active < announced[0] && settled) {
                    announced[0] = active;
                    room.layersWanted(this, track.name(), active);
                }
                decided = (int) announced[0];
            }
            uses.add(new LayerDemand.TrackUse(bps, decided));
        }
        announcedLayers.keySet().removeIf(name -> trackNamed(name) == null);
        long max = session.environment().publisherMaxBitrate();
        return switchesLayers ? max : LayerDemand.cap(max, uses);
    }

    /** Every tick (100 ms): what arrived since the last feedback, for the publisher's delay-based estimator. */
    private void sendTransportFeedback() {
        long mediaSsrc = -1;
        for (PublishedTrack track : tracks) {
            if (track.ssrc() >= 0) {
                mediaSsrc = track.ssrc();
                break;
            }
        }
        for (int i = 0; i < 4 && mediaSsrc >= 0 && transportFeedback.hasPending(); i++) {
            var feedback = transportFeedback.build(localSsrc, mediaSsrc);
            if (feedback == null) {
                break;
            }
            session.sendRtcp(List.of(feedback));
        }
    }

    /** Asks the publisher for a keyframe of {@code track} (PLI, RFC 4585 §6.3.1), at most every 300 ms. */
    @Override
    public void requestKeyframe(PublishedTrack track, long nowMicros) {
        if (track.ssrc() >= 0 && track.admitKeyframeRequest(nowMicros)) {
            session.sendRtcp(List.of(new PictureLossIndication(localSsrc, track.ssrc())));
        }
    }

    /** Passes a viewer's NACK for packets the cache does not have on to the publisher (RFC 4585 §6.2.1). */
    @Override
    public void requestRetransmission(PublishedTrack track, List<Integer> sequenceNumbers) {
        if (track.ssrc() >= 0 && !sequenceNumbers.isEmpty()) {
            session.sendRtcp(List.of(new TransportLayerNack(localSsrc, track.ssrc(), sequenceNumbers)));
        }
    }

    @Override
    public void onClose() {
        room.removePublisher(this);
    }

    @Override
    public void replaced() {
        session.close("replaced by a new session of peer " + peer);
    }

    @Override
    public List<NegotiatedMedia> media() {
        return trackMedia;
    }

    @Override
    public List<PublishedTrack> tracks() {
        return tracks;
    }

    @Override
    public String peer() {
        return peer;
    }

    public WebRtcSession session() {
        return session;
    }
}
