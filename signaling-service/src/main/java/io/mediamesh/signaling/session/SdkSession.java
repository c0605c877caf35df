package io.mediamesh.signaling.session;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.select.NodeSelector;
import io.mediamesh.model.cluster.ActiveSpeakers;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.PeerDetails;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKick;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.model.cluster.RoomMessage;
import io.mediamesh.model.cluster.SenderLayers;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenException;
import io.mediamesh.model.token.TokenKind;
import io.mediamesh.signaling.config.SignalingProperties;
import io.mediamesh.signaling.media.MediaNodeClient;
import io.mediamesh.signaling.protocol.ReceiverConfig;
import io.mediamesh.signaling.protocol.SdkError;
import io.mediamesh.signaling.protocol.SdkException;
import io.mediamesh.signaling.protocol.SdkMessages;
import io.mediamesh.signaling.protocol.SdkRequest;
import io.mediamesh.signaling.protocol.SenderConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One SDK peer on one WebSocket: {@code connect} with a {@code webrtc} token, {@code join} a room (the peer's entry
 * and details go into the cluster, a media node is chosen), then its two peer connections on that node are created
 * and renegotiated through offers, its receivers pointed at tracks, and the room's changes arrive as events.
 *
 * <p>Threads: requests are handled one at a time, in order (the WebSocket adapter serialises them); room events come
 * from Hazelcast threads. The state they share is guarded by this object's monitor, and nothing blocking runs under
 * it. Cluster map calls run on the bounded-elastic scheduler, never on a Netty thread.
 */
public final class SdkSession implements RoomHub.Member {
    private static final Logger log = LoggerFactory.getLogger(SdkSession.class);
    private static final int MAX_SDP = 64 * 1024;

    /** A receiver as this session knows it: what it was pointed at and how it wants it. */
    private static final class Slot {
        String peer;
        String track;
        boolean enabled = true;
        ReceiverConfig config = ReceiverConfig.DEFAULT;
        String state = "inactive";
    }

    private final String connectionId;
    private final SignalingProperties properties;
    private final ClusterState state;
    private final RoomHub hub;
    private final MediaNodeClient nodes;
    private final TokenCodec tokens;
    private final SdkMessages messages;
    private final Clock clock;
    private final Consumer<String> out;
    private final Consumer<String> disconnect;

    private TokenClaims claims;
    private String peer;
    private String room;
    private NodeInfo node;
    private String sendId;
    private String recvId;
    private final Map<String, Slot> receivers = new LinkedHashMap<>();
    private final Map<String, SenderConfig> senders = new HashMap<>();
    private final Set<String> labels = ConcurrentHashMap.newKeySet();
    private Disposable stats;
    private boolean closed;

    SdkSession(String connectionId, SdkSessionFactory shared, Consumer<String> out, Consumer<String> disconnect) {
        this.connectionId = connectionId;
        this.properties = shared.properties();
        this.state = shared.state();
        this.hub = shared.hub();
        this.nodes = shared.nodes();
        this.tokens = shared.tokens();
        this.messages = shared.messages();
        this.clock = shared.clock();
        this.out = out;
        this.disconnect = disconnect;
    }

    /** Handles one text frame and answers it (a typed error for anything refused); never fails itself. */
    public Mono<Void> onText(String text) {
        SdkRequest request;
        try {
            request = SdkRequest.parse(text, messages.json());
        } catch (SdkException e) {
            out.accept(messages.error(SdkRequest.idOf(text, messages.json()), e.code(), e.getMessage()));
            return Mono.empty();
        }
        return Mono.defer(() -> handle(request))
                .map(data -> messages.ok(request.id(), data))
                .onErrorResume(SdkException.class, e -> {
                    if (e.code() == SdkError.MEDIA_NODE_FAILED || e.code() == SdkError.NO_MEDIA_NODE) {
                        log.warn("{}: {} refused: {} {}", connectionId, request.type(), e.code(), e.getMessage());
                    }
                    return Mono.just(messages.error(request.id(), e.code(), e.getMessage()));
                })
                .onErrorResume(e -> {
                    log.error("{}: {} failed", connectionId, request.type(), e);
                    return Mono.just(messages.error(request.id(), SdkError.INTERNAL, "internal error"));
                })
                .doOnNext(out)
                .then();
    }

    private Mono<Object> handle(SdkRequest request) {
        return switch (request.type()) {
            case "connect" -> connect(request);
            case "ping" -> Mono.just(messages.object());
            case "join" -> join(request);
            case "leave" -> leave().thenReturn(messages.object());
            case "peer.update" -> update(request);
            case "publisher.offer" -> offer(request, "send");
            case "subscriber.offer" -> offer(request, "recv");
            case "receiver.attach" -> attach(request);
            case "receiver.detach" -> detach(request);
            case "receiver.config" -> configure(request);
            case "sender.config" -> senderConfig(request);
            case "message.subscribe" -> subscribe(request, true);
            case "message.unsubscribe" -> subscribe(request, false);
            case "message.publish" -> publish(request);
            case "ice.candidate" -> candidate(request);
            default -> Mono.error(new SdkException(SdkError.UNKNOWN_TYPE, "unknown request type '" + request.type()
                    + "'"));
        };
    }

    // ---- connection and room ----

    private Mono<Object> connect(SdkRequest request) {
        if (claims != null) {
            throw new SdkException(SdkError.ALREADY_CONNECTED, "already connected as " + peer);
        }
        String token = request.string("token", 8192);
        TokenClaims verified;
        try {
            verified = tokens.verify(token, TokenKind.WEBRTC, clock.instant());
        } catch (TokenException e) {
            throw new SdkException(SdkError.UNAUTHORIZED, e.getMessage());
        }
        String chosen = verified.peer() != null ? verified.peer() : request.string("peer", 128);
        if (verified.peer() != null && request.optionalString("peer", 128) != null
                && !verified.peer().equals(request.optionalString("peer", 128))) {
            throw new SdkException(SdkError.FORBIDDEN, "the token is for peer " + verified.peer());
        }
        try {
            new PeerId(chosen);
        } catch (IllegalArgumentException e) {
            throw SdkRequest.invalid("peer", e.getMessage());
        }
        synchronized (this) {
            claims = verified;
            peer = chosen;
        }
        ObjectNode data = messages.object();
        data.put("peer", chosen);
        data.put("room", verified.room());
        data.put("version", SdkRequest.VERSION);
        return Mono.just(data);
    }

    private Mono<Object> join(SdkRequest request) {
        requireConnected();
        if (room != null) {
            throw new SdkException(SdkError.ALREADY_JOINED, "already in room " + room + "; leave first");
        }
        String wanted = request.optionalString("room", 128);
        if (wanted != null && !wanted.equals(claims.room())) {
            throw new SdkException(SdkError.FORBIDDEN, "the token allows room " + claims.room() + " only");
        }
        String metadata = metadata(request);
        String target = claims.room();
        return SdkSession.<Object>blocking(() -> {
            if (state.peer(target, peer).isPresent()) {
                throw new SdkException(SdkError.PEER_EXISTS, "peer " + peer + " is already in room " + target);
            }
            long now = clock.millis();
            NodeInfo chosen = NodeSelector.select(state.nodes(), properties.zone(),
                    properties.selection().thresholds(), now).orElseThrow(() -> new SdkException(
                            SdkError.NO_MEDIA_NODE, "no media node can take a new peer now"));
            state.putPeerDetails(new PeerDetails(target, peer, claims.extraData(), metadata));
            synchronized (this) {
                room = target;
                node = chosen;
            }
            // Registered before the peer entry goes in, so no event of this room is missed; our own is skipped.
            hub.register(target, this);
            state.putPeer(new PeerInfo(target, peer, chosen.nodeId(), PeerKind.WEBRTC, null));
            log.info("{}: {} joined room {} on media node {}", connectionId, peer, target,
                    NodeIds.hex(chosen.nodeId()));
            return (Object) snapshot(target, chosen);
        }).doOnSuccess(ok -> startStats());
    }

    private ObjectNode snapshot(String target, NodeInfo chosen) {
        ObjectNode data = messages.object();
        data.put("room", target);
        data.put("peer", peer);
        data.put("node", NodeIds.hex(chosen.nodeId()));
        Map<String, PeerDetails> details = state.peerDetails(target);
        ArrayNode peers = data.putArray("peers");
        for (PeerInfo other : state.peers(target)) {
            if (!other.peer().equals(peer)) {
                peers.add(peerView(other, details.get(other.peer())));
            }
        }
        ArrayNode tracks = data.putArray("tracks");
        for (TrackInfo track : state.tracks(target)) {
            if (!isHigherLayer(track)) {
                tracks.add(trackView(track));
            }
        }
        return data;
    }

    private Mono<Void> leave() {
        String leftRoom;
        NodeInfo leftNode;
        List<String> sessions = new ArrayList<>();
        synchronized (this) {
            if (room == null) {
                return Mono.empty();
            }
            leftRoom = room;
            leftNode = node;
            if (sendId != null) {
                sessions.add(sendId);
            }
            if (recvId != null) {
                sessions.add(recvId);
            }
            room = null;
            node = null;
            sendId = null;
            recvId = null;
            receivers.clear();
            senders.clear();
            labels.clear();
        }
        if (stats != null) {
            stats.dispose();
        }
        hub.unregister(leftRoom, this);
        String leaving = peer;
        log.info("{}: {} left room {}", connectionId, leaving, leftRoom);
        return Flux.fromIterable(sessions).flatMap(id -> nodes.delete(leftNode.httpUrl(), id)).then(
                blocking(() -> state.removePeer(leftRoom, leaving)).then());
    }

    private Mono<Object> update(SdkRequest request) {
        requireJoined();
        String metadata = metadata(request);
        String target = room;
        return blocking(() -> {
            state.putPeerDetails(new PeerDetails(target, peer, claims.extraData(), metadata));
            return (Object) messages.object();
        });
    }

    private String metadata(SdkRequest request) {
        JsonNode metadata = request.optionalNode("metadata");
        if (metadata == null) {
            return null;
        }
        String text = messages.json().writeValueAsString(metadata);
        if (text.length() > PeerDetails.MAX_METADATA) {
            throw new SdkException(SdkError.TOO_LARGE, "metadata longer than " + PeerDetails.MAX_METADATA
                    + " characters");
        }
        return text;
    }

    // ---- peer connections ----

    private Mono<Object> offer(SdkRequest request, String kind) {
        requireJoined();
        String sdp = request.string("sdp", MAX_SDP);
        Map<String, String> names = kind.equals("send") ? senderNames(request) : Map.of();
        String url = node.httpUrl();
        String existing = kind.equals("send") ? sendId : recvId;
        Mono<String> answer = existing != null ? nodes.renegotiate(url, existing, sdp, names)
                : nodes.create(url, kind, room, peer, sdp, names).map(created -> {
                    synchronized (this) {
                        if (kind.equals("send")) {
                            sendId = created.id();
                        } else {
                            recvId = created.id();
                        }
                    }
                    return created.sdp();
                });
        return answer.map(sdpAnswer -> {
            ObjectNode data = messages.object();
            data.put("sdp", sdpAnswer);
            return (Object) data;
        });
    }

    private Map<String, String> senderNames(SdkRequest request) {
        JsonNode list = request.optionalNode("senders");
        Map<String, String> names = new HashMap<>();
        if (list == null) {
            return names;
        }
        if (!list.isArray() || list.size() > 32) {
            throw SdkRequest.invalid("senders", "must be an array of at most 32 {mid, name}");
        }
        for (JsonNode sender : list) {
            JsonNode mid = sender.get("mid");
            JsonNode name = sender.get("name");
            if (mid == null || !mid.isString() || name == null || !name.isString()
                    || !name.asString().matches("[A-Za-z0-9_.-]{1,64}")) {
                throw SdkRequest.invalid("senders", "entries need a string mid and a name of 1 to 64 [A-Za-z0-9_.-]");
            }
            if (names.containsValue(name.asString())) {
                throw SdkRequest.invalid("senders", "name " + name.asString() + " is used twice");
            }
            names.put(mid.asString(), name.asString());
        }
        return names;
    }

    // ---- receivers and senders ----

    private Mono<Object> attach(SdkRequest request) {
        requireReceiving();
        String mid = request.string("mid", 32);
        String source = request.string("peer", 128);
        String track = request.string("track", 128);
        Slot slot = slot(mid, true);
        ReceiverConfig config = slot.config.merge(request);
        return point(mid, source, track, slot.enabled, config);
    }

    private Mono<Object> detach(SdkRequest request) {
        requireReceiving();
        String mid = request.string("mid", 32);
        slot(mid, false);
        return point(mid, null, null, true, null);
    }

    private Mono<Object> configure(SdkRequest request) {
        requireReceiving();
        String mid = request.string("mid", 32);
        Slot slot = slot(mid, false);
        ReceiverConfig config = slot.config.merge(request);
        Boolean enabled = request.optionalBoolean("enabled");
        return point(mid, slot.peer, slot.track, enabled == null ? slot.enabled : enabled, config);
    }

    /** Tells the node, then records what it answered and tells the client. */
    private Mono<Object> point(String mid, String source, String track, boolean enabled, ReceiverConfig config) {
        ReceiverConfig layers = config != null ? config : slotConfig(mid);
        return nodes.receiver(node.httpUrl(), recvId, mid, source, track, enabled, layers.minSpatial(),
                layers.maxSpatial(), layers.minTemporal(), layers.maxTemporal(), layers.priority()).map(view -> {
            String newState = String.valueOf(view.get("state")).toLowerCase(java.util.Locale.ROOT);
            ObjectNode data = messages.object();
            synchronized (this) {
                Slot slot = receivers.computeIfAbsent(mid, m -> new Slot());
                slot.peer = source;
                slot.track = track;
                slot.enabled = enabled;
                if (config != null) {
                    slot.config = config;
                }
                slot.state = newState;
                fill(data, mid, slot);
            }
            return (Object) data;
        });
    }

    private synchronized ReceiverConfig slotConfig(String mid) {
        Slot slot = receivers.get(mid);
        return slot == null ? ReceiverConfig.DEFAULT : slot.config;
    }

    private Slot slot(String mid, boolean create) {
        synchronized (this) {
            Slot slot = receivers.get(mid);
            if (slot == null && !create) {
                throw new SdkException(SdkError.NOT_FOUND, "receiver " + mid + " is not attached");
            }
            return slot == null ? new Slot() : slot;
        }
    }

    private void fill(ObjectNode data, String mid, Slot slot) {
        data.put("mid", mid);
        data.put("state", slot.state);
        data.put("peer", slot.peer);
        data.put("track", slot.track);
        data.put("enabled", slot.enabled);
        data.set("config", messages.json().valueToTree(slot.config));
    }

    private Mono<Object> senderConfig(SdkRequest request) {
        requireJoined();
        String name = request.string("name", 64);
        SenderConfig config;
        synchronized (this) {
            config = senders.getOrDefault(name, SenderConfig.DEFAULT).merge(request);
            senders.put(name, config);
        }
        ObjectNode data = messages.object();
        data.put("name", name);
        data.set("config", messages.json().valueToTree(config));
        return Mono.just(data);
    }

    // ---- room message channels ----

    private Mono<Object> subscribe(SdkRequest request, boolean on) {
        requireJoined();
        String label = label(request);
        if (on) {
            if (labels.size() >= 64 && !labels.contains(label)) {
                throw new SdkException(SdkError.TOO_LARGE, "at most 64 message channels per peer");
            }
            labels.add(label);
        } else {
            labels.remove(label);
        }
        return Mono.just(messages.object().put("label", label));
    }

    private Mono<Object> publish(SdkRequest request) {
        requireJoined();
        String label = label(request);
        JsonNode data = request.optionalNode("data");
        if (data == null) {
            throw SdkRequest.invalid("data", "is required");
        }
        String text = messages.json().writeValueAsString(data);
        if (text.length() > RoomMessage.MAX_DATA) {
            throw new SdkException(SdkError.TOO_LARGE, "data larger than " + RoomMessage.MAX_DATA + " characters");
        }
        RoomMessage message = new RoomMessage(room, label, peer, text);
        return blocking(() -> {
            state.publishMessage(message);
            return (Object) messages.object().put("label", label);
        });
    }

    private static String label(SdkRequest request) {
        String label = request.string("label", 64);
        if (!label.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw SdkRequest.invalid("label", "must be 1 to 64 of [A-Za-z0-9_.:-]");
        }
        return label;
    }

    private Mono<Object> candidate(SdkRequest request) {
        requireJoined();
        JsonNode candidate = request.optionalNode("candidate");
        if (candidate == null || !(candidate.isString() || candidate.isObject())) {
            throw SdkRequest.invalid("candidate", "must be the RTCIceCandidate (object or candidate string)");
        }
        // The media nodes are ICE-lite: they learn the peer's addresses from its connectivity checks, so trickled
        // candidates need no forwarding. Accepting them lets a standard trickling client work unchanged.
        return Mono.just(messages.object().put("accepted", true));
    }

    // ---- room events (Hazelcast threads) ----

    @Override
    public String peer() {
        return peer;
    }

    /** An operator kicked this peer or closed its room: the client is told why, then its socket is closed. */
    @Override
    public void kicked(PeerKick kick) {
        if (peer != null && kick.concerns(room, peer)) {
            log.info("{}: {} disconnected from room {}: {}", connectionId, peer, room, kick.reason());
            out.accept(messages.event("session.kicked", messages.object().put("reason", kick.reason())));
            disconnect.accept(kick.reason());
        }
    }

    @Override
    public void peerJoined(PeerInfo other, PeerDetails details) {
        if (!other.peer().equals(peer)) {
            out.accept(messages.event("peer.joined", peerView(other, details)));
        }
    }

    @Override
    public void peerLeft(PeerInfo other) {
        if (!other.peer().equals(peer)) {
            out.accept(messages.event("peer.left", messages.object().put("peer", other.peer())));
        } else if (room != null && other.nodeId() != (node == null ? -1 : node.nodeId())) {
            log.debug("{}: own peer entry replaced", connectionId);
        }
    }

    @Override
    public void peerUpdated(PeerDetails details) {
        if (!details.peer().equals(peer)) {
            ObjectNode data = messages.object().put("peer", details.peer());
            data.set("extra", parse(details.extraData()));
            data.set("metadata", parse(details.metadata()));
            out.accept(messages.event("peer.updated", data));
        }
    }

    @Override
    public void trackStarted(TrackInfo track) {
        if (isHigherLayer(track)) {
            return;
        }
        out.accept(messages.event("track.started", trackView(track)));
        if (track.peer().equals(peer)) {
            out.accept(messages.event("sender.state", messages.object().put("name", track.track())
                    .put("state", "active")));
        }
        receiverStates(track, "waiting", "active");
    }

    @Override
    public void trackStopped(TrackInfo track) {
        if (isHigherLayer(track)) {
            return;
        }
        out.accept(messages.event("track.stopped", messages.object().put("peer", track.peer())
                .put("track", track.track())));
        if (track.peer().equals(peer)) {
            out.accept(messages.event("sender.state", messages.object().put("name", track.track())
                    .put("state", "inactive")));
        }
        receiverStates(track, "active", "waiting");
    }

    /** Receivers pointed at {@code track} move from {@code from} to {@code to}, as the media node moves them. */
    private void receiverStates(TrackInfo track, String from, String to) {
        List<String> events = new ArrayList<>();
        synchronized (this) {
            receivers.forEach((mid, slot) -> {
                if (slot.enabled && track.peer().equals(slot.peer) && track.track().equals(slot.track)
                        && slot.state.equals(from)) {
                    slot.state = to;
                    ObjectNode data = messages.object();
                    fill(data, mid, slot);
                    events.add(messages.event("receiver.state", data));
                }
            });
        }
        events.forEach(out);
    }

    @Override
    public void message(RoomMessage message) {
        if (labels.contains(message.label())) {
            ObjectNode data = messages.object().put("label", message.label()).put("from", message.from());
            data.set("data", parse(message.data()));
            out.accept(messages.event("message", data));
        }
    }

    /** Publisher-side control: tells our SDK how many encodings of one of its senders anybody wants. */
    @Override
    public void senderLayers(SenderLayers layers) {
        if (layers.peer().equals(peer)) {
            out.accept(messages.event("sender.layers", messages.object().put("name", layers.track())
                    .put("activeLayers", layers.activeLayers())));
        }
    }

    @Override
    public void activeSpeakers(ActiveSpeakers ranked) {
        ObjectNode data = messages.object();
        ArrayNode list = data.putArray("speakers");
        for (int i = 0; i < ranked.peers().length; i++) {
            list.addObject().put("peer", ranked.peers()[i]).put("level", ranked.levels()[i]);
        }
        out.accept(messages.event("speakers.active", data));
    }

    // ---- stats ----

    private void startStats() {
        Duration every = properties.statsInterval();
        if (every.isZero()) {
            return;
        }
        Map<String, Long> lastPackets = new HashMap<>();
        Map<String, Long> lastBytes = new HashMap<>();
        stats = Flux.interval(every, every)
                .concatMap(tick -> {
                    String id = recvId;
                    NodeInfo at = node;
                    return id == null || at == null ? Mono.empty()
                            : nodes.receivers(at.httpUrl(), id).onErrorResume(e -> Mono.empty());
                })
                .subscribe(list -> {
                    ArrayNode receiverStats = messages.json().createArrayNode();
                    double seconds = every.toMillis() / 1000.0;
                    for (Map<String, Object> view : list) {
                        String mid = String.valueOf(view.get("mid"));
                        long packets = ((Number) view.getOrDefault("packetsSent", 0)).longValue();
                        long bytes = ((Number) view.getOrDefault("bytesSent", 0)).longValue();
                        long previousPackets = lastPackets.getOrDefault(mid, packets);
                        long previousBytes = lastBytes.getOrDefault(mid, bytes);
                        lastPackets.put(mid, packets);
                        lastBytes.put(mid, bytes);
                        String nodeState = String.valueOf(view.get("state")).toLowerCase(java.util.Locale.ROOT);
                        reconcile(mid, nodeState);
                        ObjectNode entry = receiverStats.addObject();
                        entry.put("mid", mid);
                        entry.put("state", nodeState);
                        entry.put("peer", (String) view.get("peer"));
                        entry.put("track", (String) view.get("track"));
                        entry.put("packets", packets);
                        entry.put("packetRate", Math.round((packets - previousPackets) / seconds));
                        entry.put("bitrate", Math.round((bytes - previousBytes) * 8 / seconds));
                        entry.put("dropped", ((Number) view.getOrDefault("dropped", 0)).longValue());
                        entry.put("waitingForKeyframe", Boolean.TRUE.equals(view.get("waitingForKeyframe")));
                        entry.put("sourceKeyframeRequests",
                                ((Number) view.getOrDefault("sourceKeyframeRequests", 0)).longValue());
                        entry.put("layer", ((Number) view.getOrDefault("layer", -1)).intValue());
                        entry.put("pendingLayer", ((Number) view.getOrDefault("pendingLayer", -1)).intValue());
                        entry.put("targetLayer", ((Number) view.getOrDefault("targetLayer", -1)).intValue());
                        entry.put("allocatedBitrate", ((Number) view.getOrDefault("allocatedBps", 0)).longValue());
                        entry.put("estimate", ((Number) view.getOrDefault("estimateBps", 0)).longValue());
                    }
                    out.accept(messages.event("receiver.stats", messages.object().set("receivers", receiverStats)));
                }, e -> log.debug("{}: stats stopped", connectionId, e));
    }

    /**
     * The media node is the truth about a receiver: a track relayed from another node attaches a moment after its
     * registry event, so the state the node reports on each stats round wins, and a change is an event.
     */
    private void reconcile(String mid, String nodeState) {
        String event = null;
        synchronized (this) {
            Slot slot = receivers.get(mid);
            if (slot != null && !slot.state.equals(nodeState)) {
                slot.state = nodeState;
                ObjectNode data = messages.object();
                fill(data, mid, slot);
                event = messages.event("receiver.state", data);
            }
        }
        if (event != null) {
            out.accept(event);
        }
    }

    // ---- helpers ----

    /** The WebSocket closed: leave the room (peer connections closed, entry removed). */
    public Mono<Void> close() {
        synchronized (this) {
            if (closed) {
                return Mono.empty();
            }
            closed = true;
        }
        return leave().onErrorResume(e -> {
            log.warn("{}: cleanup after close failed: {}", connectionId, e.getMessage());
            return Mono.empty();
        });
    }

    private ObjectNode peerView(PeerInfo other, PeerDetails details) {
        ObjectNode view = messages.object();
        view.put("peer", other.peer());
        view.put("kind", other.kind().name().toLowerCase(java.util.Locale.ROOT));
        view.set("extra", parse(details == null ? null : details.extraData()));
        view.set("metadata", parse(details == null ? null : details.metadata()));
        return view;
    }

    /**
     * Whether the entry is a higher simulcast layer ({@code camera#1}) of a track rather than a track: layers are the
     * media node's business (receivers choose among them by their layer range), clients never see them.
     */
    private static boolean isHigherLayer(TrackInfo track) {
        return track.track().indexOf('#') >= 0;
    }

    private ObjectNode trackView(TrackInfo track) {
        return messages.object().put("peer", track.peer()).put("track", track.track())
                .put("kind", track.kind().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Client metadata is stored as JSON text; token extra data may be any text (then sent as a string). */
    private JsonNode parse(String text) {
        if (text == null) {
            return messages.json().nullNode();
        }
        try {
            return messages.json().readTree(text);
        } catch (RuntimeException e) {
            return messages.json().getNodeFactory().stringNode(text);
        }
    }

    private void requireConnected() {
        if (claims == null) {
            throw new SdkException(SdkError.NOT_CONNECTED, "send connect with a webrtc token first");
        }
    }

    private void requireJoined() {
        requireConnected();
        if (room == null) {
            throw new SdkException(SdkError.NOT_JOINED, "join a room first");
        }
    }

    private void requireReceiving() {
        requireJoined();
        if (recvId == null) {
            throw new SdkException(SdkError.NOT_FOUND, "no receivers yet: send a subscriber.offer with recvonly "
                    + "transceivers first");
        }
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
