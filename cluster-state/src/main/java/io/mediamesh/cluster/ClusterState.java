package io.mediamesh.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.topic.ITopic;
import io.mediamesh.model.cluster.ActiveSpeakers;
import io.mediamesh.model.cluster.AudioLevelReport;
import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import io.mediamesh.model.cluster.PeerDetails;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKick;
import io.mediamesh.model.cluster.RoomInfo;
import io.mediamesh.model.cluster.RoomMessage;
import io.mediamesh.model.cluster.SenderLayers;
import io.mediamesh.model.cluster.TrackInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed API over the cluster's maps. Writers are media nodes, each writing only its own entries; readers are
 * gateways (node selection, admin API) and nodes (which tracks to subscribe to). Creating one registers the
 * membership listener that removes the entries of a departed node, so every member must create one.
 *
 * <p>Keys: nodes by node id; rooms by room name; peers by {@code room US peer} and tracks by
 * {@code room US peer US track}, where US is U+001F, a control character that room, peer and track names cannot
 * contain.
 */
public final class ClusterState {

    /** Member attribute: the hex node id a member speaks for (absent on gateways). */
    public static final String NODE_ID_ATTRIBUTE = "mediamesh.node-id";
    /** Member attribute: the id of the gateway a member is (absent on media nodes). */
    public static final String GATEWAY_ID_ATTRIBUTE = "mediamesh.gateway-id";
    static final String NODES_MAP = "mediamesh.nodes";
    static final String ROOMS_MAP = "mediamesh.rooms";
    static final String PEERS_MAP = "mediamesh.peers";
    static final String TRACKS_MAP = "mediamesh.tracks";
    static final String GATEWAYS_MAP = "mediamesh.gateways";
    static final String PEER_DETAILS_MAP = "mediamesh.peer-details";
    static final String ROOM_MESSAGES_TOPIC = "mediamesh.room-messages";
    static final String SENDER_LAYERS_TOPIC = "mediamesh.sender-layers";
    static final String PEER_KICKS_TOPIC = "mediamesh.peer-kicks";
    static final String AUDIO_LEVELS_TOPIC = "mediamesh.audio-levels";
    static final String ACTIVE_SPEAKERS_MAP = "mediamesh.active-speakers";
    private static final char SEPARATOR = '\u001f';
    private static final Logger log = LoggerFactory.getLogger(ClusterState.class);

    private final HazelcastInstance hazelcast;
    private final LongSupplier clockMillis;
    private final long nodeTtlMillis;
    private final IMap<Integer, NodeInfo> nodes;
    private final IMap<String, RoomInfo> rooms;
    private final IMap<String, PeerInfo> peers;
    private final IMap<String, TrackInfo> tracks;
    private final IMap<String, GatewayInfo> gateways;
    private final IMap<String, PeerDetails> peerDetails;
    private final ITopic<RoomMessage> roomMessages;
    private final ITopic<SenderLayers> senderLayers;
    private final ITopic<PeerKick> peerKicks;
    private final ITopic<AudioLevelReport> audioLevels;
    private final IMap<String, ActiveSpeakers> activeSpeakers;
    private final UUID listenerId;

    /**
     * @param hazelcast    the local member, built from {@link HazelcastConfigFactory}
     * @param config       the settings it was built from (for the node TTL)
     * @param clockMillis  wall clock in epoch millis (heartbeat times, room creation)
     */
    public ClusterState(HazelcastInstance hazelcast, ClusterConfig config, LongSupplier clockMillis) {
        this.hazelcast = hazelcast;
        this.clockMillis = clockMillis;
        this.nodeTtlMillis = config.nodeTtl().toMillis();
        this.nodes = hazelcast.getMap(NODES_MAP);
        this.rooms = hazelcast.getMap(ROOMS_MAP);
        this.peers = hazelcast.getMap(PEERS_MAP);
        this.tracks = hazelcast.getMap(TRACKS_MAP);
        this.gateways = hazelcast.getMap(GATEWAYS_MAP);
        this.peerDetails = hazelcast.getMap(PEER_DETAILS_MAP);
        this.roomMessages = hazelcast.getTopic(ROOM_MESSAGES_TOPIC);
        this.senderLayers = hazelcast.getTopic(SENDER_LAYERS_TOPIC);
        this.peerKicks = hazelcast.getTopic(PEER_KICKS_TOPIC);
        this.audioLevels = hazelcast.getTopic(AUDIO_LEVELS_TOPIC);
        this.activeSpeakers = hazelcast.getMap(ACTIVE_SPEAKERS_MAP);
        this.listenerId = hazelcast.getCluster().addMembershipListener(new NodeDepartureListener(this));
    }

    // ---- node registry ----

    /** Adds or replaces a node's registry entry; it expires unless {@link #heartbeat} refreshes it. */
    public void registerNode(NodeInfo node) {
        nodes.put(node.nodeId(), node, nodeTtlMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stores a node's new load and refreshes its heartbeat time and TTL.
     *
     * @param nowMillis the heartbeat time by the node's own clock (epoch millis)
     * @return false when the node has no entry (expired or removed): the caller should register again
     */
    public boolean heartbeat(int nodeId, NodeLoad load, long nowMillis) {
        NodeInfo current = nodes.get(nodeId);
        if (current == null) {
            return false;
        }
        registerNode(current.withHeartbeat(load, nowMillis));
        return true;
    }

    /** Marks a node as draining: gateways stop choosing it for new sessions. False when it has no entry. */
    public boolean markDraining(int nodeId) {
        NodeInfo current = nodes.get(nodeId);
        if (current == null) {
            return false;
        }
        registerNode(current.asDraining(clockMillis.getAsLong()));
        return true;
    }

    /**
     * Every node id that may own entries now: registered media nodes, and members that speak for a node id without
     * being media nodes (RTMP ingest, SIP gateway publish tracks under their own id but never register as nodes).
     */
    Set<Integer> liveOwners() {
        Set<Integer> live = new java.util.HashSet<>(nodes.keySet());
        for (com.hazelcast.cluster.Member member : hazelcast.getCluster().getMembers()) {
            String hex = member.getAttribute(NODE_ID_ATTRIBUTE);
            if (hex != null) {
                live.add(Integer.parseUnsignedInt(hex, 16));
            }
        }
        return live;
    }

    /** Removes a node with every peer and track it owns. Idempotent. */
    public void removeNode(int nodeId) {
        nodes.remove(nodeId);
        removeEntriesOf(nodeId);
    }

    public Optional<NodeInfo> node(int nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }

    /** Every registered node, by id. */
    public List<NodeInfo> nodes() {
        List<NodeInfo> all = new ArrayList<>(nodes.values());
        all.sort(Comparator.comparingInt(NodeInfo::nodeId));
        return all;
    }

    // ---- gateway registry ----

    /**
     * Adds or refreshes a gateway's entry. It goes when the gateway's member leaves or dies (when the member carries
     * {@value #GATEWAY_ID_ATTRIBUTE}, see {@link HazelcastConfigFactory#buildForGateway}), and in any case after the
     * node TTL unless refreshed again.
     */
    public void registerGateway(GatewayInfo gateway) {
        gateways.put(gateway.id(), gateway, nodeTtlMillis, TimeUnit.MILLISECONDS);
    }

    /** Removes a gateway's entry (it is stopping). Idempotent. */
    public void removeGateway(String id) {
        gateways.remove(id);
    }

    /** Every registered gateway, by zone then id. */
    public List<GatewayInfo> gateways() {
        List<GatewayInfo> all = new ArrayList<>(gateways.values());
        all.sort(Comparator.comparingInt(GatewayInfo::zone).thenComparing(GatewayInfo::id));
        return all;
    }

    // ---- rooms, peers, tracks ----

    /** Adds or replaces a peer; the room appears with its first peer. */
    public void putPeer(PeerInfo peer) {
        PeerInfo previous = peers.put(peerKey(peer.room(), peer.peer()), peer);
        if (previous == null) {
            rooms.executeOnKey(peer.room(), new RoomPeerDelta(peer.room(), 1, clockMillis.getAsLong()));
        }
    }

    /**
     * Removes a peer and its tracks; the room goes with its last peer.
     *
     * @return the removed peer, or empty when there was none
     */
    public Optional<PeerInfo> removePeer(String room, String peer) {
        return removePeerByKey(peerKey(room, peer));
    }

    public Optional<PeerInfo> peer(String room, String peer) {
        return Optional.ofNullable(peers.get(peerKey(room, peer)));
    }

    /** Adds or replaces a track. */
    public void putTrack(TrackInfo track) {
        tracks.put(trackKey(track.room(), track.peer(), track.track()), track);
    }

    /** Removes a track; false when there was none. */
    public boolean removeTrack(String room, String peer, String track) {
        return tracks.remove(trackKey(room, peer, track)) != null;
    }

    /**
     * Tells {@code listener} about every track added, replaced or removed anywhere in the cluster (including by
     * departure cleanup), on a Hazelcast event thread: the listener must hand the work to its own thread.
     *
     * @return a handle that stops the notifications when closed
     */
    public AutoCloseable watchTracks(TrackListener listener) {
        UUID id = tracks.addEntryListener(new EntryEvents<TrackInfo>(listener::trackAdded, listener::trackRemoved),
                true);
        return () -> tracks.removeEntryListener(id);
    }

    /** Sets a peer's details (token extra data, client metadata); they go when the peer is removed. */
    public void putPeerDetails(PeerDetails details) {
        peerDetails.put(peerKey(details.room(), details.peer()), details);
    }

    /** The details of the peers of a room that have any, by peer. */
    public Map<String, PeerDetails> peerDetails(String room) {
        Map<String, PeerDetails> result = new java.util.TreeMap<>();
        for (PeerDetails details : peerDetails.values(Predicates.equal("room", room))) {
            result.put(details.peer(), details);
        }
        return result;
    }

    /**
     * Tells {@code listener} about every peer joining or leaving any room of the cluster (including by departure
     * cleanup) and every details change, on Hazelcast event threads.
     *
     * @return a handle that stops the notifications when closed
     */
    public AutoCloseable watchPeers(PeerListener listener) {
        UUID peersId = peers.addEntryListener(new EntryEvents<PeerInfo>(listener::peerJoined, listener::peerLeft), true);
        // Details go with their peer (peerLeft says so): only their puts are events.
        UUID detailsId = peerDetails.addEntryListener(new EntryEvents<PeerDetails>(listener::peerUpdated, details -> {
        }), true);
        return () -> {
            peers.removeEntryListener(peersId);
            peerDetails.removeEntryListener(detailsId);
        };
    }

    /** Sends a message to the peers of its room that subscribed to its label, on every signalling instance. */
    public void publishMessage(RoomMessage message) {
        roomMessages.publish(message);
    }

    /**
     * Tells {@code listener} about every room message of the cluster, on a Hazelcast event thread.
     *
     * @return a handle that stops the notifications when closed
     */
    public AutoCloseable watchMessages(java.util.function.Consumer<RoomMessage> listener) {
        UUID id = roomMessages.addMessageListener(message -> listener.accept(message.getMessageObject()));
        return () -> roomMessages.removeMessageListener(id);
    }

    /** Tells the signalling instances that a publisher's track has layers nobody wants, or wants them again. */
    public void publishSenderLayers(SenderLayers layers) {
        senderLayers.publish(layers);
    }

    /**
     * Tells {@code listener} about every {@link SenderLayers} change of the cluster, on a Hazelcast event thread.
     *
     * @return a handle that stops the notifications when closed
     */
    public AutoCloseable watchSenderLayers(java.util.function.Consumer<SenderLayers> listener) {
        UUID id = senderLayers.addMessageListener(message -> listener.accept(message.getMessageObject()));
        return () -> senderLayers.removeMessageListener(id);
    }

    /** Tells every signalling instance to disconnect a peer (or a whole room) of the SDK (fire and forget). */
    public void publishKick(PeerKick kick) {
        peerKicks.publish(kick);
    }

    /**
     * Tells {@code listener} about every {@link PeerKick} of the cluster, on a Hazelcast event thread.
     *
     * @return a handle that stops the notifications when closed
     */
    public AutoCloseable watchKicks(java.util.function.Consumer<PeerKick> listener) {
        UUID id = peerKicks.addMessageListener(message -> listener.accept(message.getMessageObject()));
        return () -> peerKicks.removeMessageListener(id);
    }

    // ---- audio levels and active speakers ----

    /** Sends a node's audio-level report of one room to every member (fire and forget). */
    public void publishAudioLevels(AudioLevelReport report) {
        audioLevels.publish(report);
    }

    /**
     * Tells {@code listener} about every audio-level report of the cluster (its own included), on a Hazelcast event
     * thread.
     *
     * @return a handle that stops the notifications when closed
     */
    public AutoCloseable watchAudioLevels(java.util.function.Consumer<AudioLevelReport> listener) {
        UUID id = audioLevels.addMessageListener(message -> listener.accept(message.getMessageObject()));
        return () -> audioLevels.removeMessageListener(id);
    }

    /** Stores a room's ranking; it expires after {@code ttlMillis} unless stored again. */
    public void putActiveSpeakers(ActiveSpeakers speakers, long ttlMillis) {
        activeSpeakers.set(speakers.room(), speakers, ttlMillis, TimeUnit.MILLISECONDS);
    }

    /** A room's current ranking, empty when nobody ranked it lately (no audio publisher). */
    public Optional<ActiveSpeakers> activeSpeakers(String room) {
        return Optional.ofNullable(activeSpeakers.get(room));
    }

    /**
     * Tells {@code put} about every ranking stored (also the unchanged refreshes) and {@code gone} about every ranking
     * that expired or was removed, on Hazelcast event threads.
     *
     * @return a handle that stops the notifications when closed
     */
    public AutoCloseable watchActiveSpeakers(java.util.function.Consumer<ActiveSpeakers> put,
            java.util.function.Consumer<ActiveSpeakers> gone) {
        UUID id = activeSpeakers.addEntryListener(new EntryEvents<ActiveSpeakers>(put, gone), true);
        return () -> activeSpeakers.removeEntryListener(id);
    }

    /** Every room with at least one peer, by name. */
    public List<RoomInfo> listRooms() {
        List<RoomInfo> all = new ArrayList<>();
        for (RoomInfo room : rooms.values()) {
            RoomInfo counted = counted(room);
            if (counted.peers() > 0) {
                all.add(counted);
            }
        }
        all.sort(Comparator.comparing(RoomInfo::room));
        return all;
    }

    /**
     * The room with its peer count taken from the peer map itself: the stored counter is maintained with deltas
     * from several members and only repaired by the sweep, so it may lag or drift for a moment.
     */
    private RoomInfo counted(RoomInfo room) {
        int actual = peers.keySet(Predicates.equal("room", room.room())).size();
        return actual == room.peers() ? room : new RoomInfo(room.room(), actual, room.createdAtMillis());
    }

    public Optional<RoomInfo> room(String room) {
        return Optional.ofNullable(rooms.get(room)).map(this::counted).filter(r -> r.peers() > 0);
    }

    /** The peers of a room, by name. */
    public List<PeerInfo> peers(String room) {
        List<PeerInfo> result = new ArrayList<>(peers.values(Predicates.equal("room", room)));
        result.sort(Comparator.comparing(PeerInfo::peer));
        return result;
    }

    /** The tracks of a room, by peer then track name. */
    public List<TrackInfo> tracks(String room) {
        List<TrackInfo> result = new ArrayList<>(tracks.values(Predicates.equal("room", room)));
        result.sort(Comparator.comparing(TrackInfo::peer).thenComparing(TrackInfo::track));
        return result;
    }

    // ---- cleanup ----

    /**
     * The backstop for missed departures: removes peers and tracks whose node has no registry entry (it expired,
     * or its member died while another member was cleaning up) and corrects room counts. Media nodes call it now
     * and then; it is idempotent and safe to run concurrently.
     *
     * @return how many orphaned peers (each with its tracks) and stray tracks without a peer were removed
     */
    public int removeOrphans() {
        Set<Integer> live = liveOwners();
        int removed = 0;
        for (String key : peers.keySet(notOwnedBy("nodeId", live))) {
            if (removePeerByKey(key).isPresent()) {
                removed++;
            }
        }
        Set<String> orphanTracks = tracks.keySet(notOwnedBy("sourceNodeId", live));
        for (String key : orphanTracks) {
            if (tracks.remove(key) != null) {
                removed++;
            }
        }
        for (RoomInfo room : rooms.values()) {
            RoomInfo counted = counted(room);
            if (counted.peers() == 0) {
                rooms.remove(room.room(), room);
            } else if (counted != room) {
                rooms.replace(room.room(), room, counted);
            }
        }
        if (removed > 0) {
            log.info("Removed {} orphaned peer and track entries", removed);
        }
        return removed;
    }

    /** Stops listening for departures; the caller owns and shuts down the Hazelcast instance. */
    public void close() {
        hazelcast.getCluster().removeMembershipListener(listenerId);
    }

    /** Called by the membership listener of every member when {@code departed} leaves. */
    void onMemberRemoved(Member departed, Set<Member> remaining) {
        String gatewayId = departed.getAttribute(GATEWAY_ID_ATTRIBUTE);
        if (gatewayId != null
                && remaining.stream().noneMatch(m -> gatewayId.equals(m.getAttribute(GATEWAY_ID_ATTRIBUTE)))) {
            log.info("Member {} of gateway {} left; removing its registry entry", departed.getAddress(), gatewayId);
            removeGateway(gatewayId);
        }
        String hex = departed.getAttribute(NODE_ID_ATTRIBUTE);
        if (hex == null) {
            return;
        }
        // A node restarted quickly under the same id on a new member owns these entries now.
        boolean stillPresent = remaining.stream().anyMatch(m -> hex.equals(m.getAttribute(NODE_ID_ATTRIBUTE)));
        if (stillPresent) {
            return;
        }
        int nodeId = Integer.parseUnsignedInt(hex, 16);
        log.info("Member {} of node {} left; removing its entries", departed.getAddress(), hex);
        removeNode(nodeId);
    }

    private void removeEntriesOf(int nodeId) {
        for (String key : peers.keySet(Predicates.equal("nodeId", nodeId))) {
            removePeerByKey(key);
        }
        tracks.removeAll(Predicates.equal("sourceNodeId", nodeId));
    }

    private Optional<PeerInfo> removePeerByKey(String key) {
        PeerInfo removed = peers.remove(key);
        peerDetails.delete(key);
        // Tracks go even if the peer entry was already gone: a partial earlier removal may have left them.
        int split = key.indexOf(SEPARATOR);
        String room = key.substring(0, split);
        String peer = key.substring(split + 1);
        tracks.removeAll(Predicates.and(Predicates.equal("room", room), Predicates.equal("peer", peer)));
        if (removed == null) {
            return Optional.empty();
        }
        rooms.executeOnKey(room, new RoomPeerDelta(room, -1, clockMillis.getAsLong()));
        return Optional.of(removed);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> Predicate<String, V> notOwnedBy(String attribute, Set<Integer> live) {
        if (live.isEmpty()) {
            return Predicates.alwaysTrue();
        }
        return Predicates.not(Predicates.in(attribute, live.toArray(new Comparable[0])));
    }

    static String peerKey(String room, String peer) {
        return room + SEPARATOR + peer;
    }

    static String trackKey(String room, String peer, String track) {
        return room + SEPARATOR + peer + SEPARATOR + track;
    }
}
