package io.mediamesh.signaling.session;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.cluster.PeerListener;
import io.mediamesh.cluster.TrackListener;
import io.mediamesh.model.cluster.ActiveSpeakers;
import io.mediamesh.model.cluster.PeerDetails;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKick;
import io.mediamesh.model.cluster.RoomMessage;
import io.mediamesh.model.cluster.SenderLayers;
import io.mediamesh.model.cluster.TrackInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the cluster's room changes out to the peers of this signalling instance: it watches the peer, track,
 * message and sender-layer registries once (Hazelcast event threads) and hands each change to the members of that room here. A
 * member's handlers only queue a frame for its WebSocket, so one slow or broken peer delays nobody. Peer details
 * (token extra data, metadata) are cached from their events, so a join event can carry them without a lookup.
 */
public final class RoomHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomHub.class);

    /** A peer connected here, in one room. */
    public interface Member {
        String peer();

        void peerJoined(PeerInfo peer, PeerDetails details);

        void peerLeft(PeerInfo peer);

        void peerUpdated(PeerDetails details);

        void trackStarted(TrackInfo track);

        void trackStopped(TrackInfo track);

        void message(RoomMessage message);

        /** A media node says how many layers of a publisher's simulcast track anybody wants. */
        default void senderLayers(SenderLayers layers) {
        }

        /** The room's active speakers changed (who speaks, or their order); empty when nobody speaks. */
        default void activeSpeakers(ActiveSpeakers speakers) {
        }

        /** An operator disconnects a peer of the room, or all of them; the member checks whether it is meant. */
        default void kicked(PeerKick kick) {
        }
    }

    private final Map<String, Set<Member>> rooms = new ConcurrentHashMap<>();
    private final Map<String, PeerDetails> details = new ConcurrentHashMap<>();
    /** The last ranking fanned out per room, to pass on changes only (rankers refresh unchanged ones every second). */
    private final Map<String, ActiveSpeakers> speakers = new ConcurrentHashMap<>();
    private final List<AutoCloseable> watches;

    public RoomHub(ClusterState state) {
        this.watches = List.of(state.watchPeers(new PeerListener() {
            @Override
            public void peerJoined(PeerInfo peer) {
                each(peer.room(), m -> m.peerJoined(peer, details.get(key(peer.room(), peer.peer()))));
            }

            @Override
            public void peerLeft(PeerInfo peer) {
                details.remove(key(peer.room(), peer.peer()));
                each(peer.room(), m -> m.peerLeft(peer));
            }

            @Override
            public void peerUpdated(PeerDetails update) {
                details.put(key(update.room(), update.peer()), update);
                each(update.room(), m -> m.peerUpdated(update));
            }
        }), state.watchTracks(new TrackListener() {
            @Override
            public void trackAdded(TrackInfo track) {
                each(track.room(), m -> m.trackStarted(track));
            }

            @Override
            public void trackRemoved(TrackInfo track) {
                each(track.room(), m -> m.trackStopped(track));
            }
        }), state.watchMessages(message -> each(message.room(), m -> m.message(message))),
                state.watchSenderLayers(layers -> each(layers.room(), m -> m.senderLayers(layers))),
                state.watchActiveSpeakers(this::speakersRanked, this::speakersGone),
                state.watchKicks(kick -> each(kick.room(), m -> m.kicked(kick))));
    }

    private void speakersRanked(ActiveSpeakers ranked) {
        ActiveSpeakers previous = speakers.put(ranked.room(), ranked);
        if (!ranked.sameOrder(previous)) {
            each(ranked.room(), m -> m.activeSpeakers(ranked));
        }
    }

    /** The ranking expired: the room has no audio publisher any more. */
    private void speakersGone(ActiveSpeakers last) {
        ActiveSpeakers previous = speakers.remove(last.room());
        if (previous != null && previous.peers().length > 0) {
            ActiveSpeakers nobody = new ActiveSpeakers(last.room(), new String[0], new int[0], last.rankerNodeId());
            each(last.room(), m -> m.activeSpeakers(nobody));
        }
    }

    /** {@code member} gets the events of {@code room} from now on. */
    public void register(String room, Member member) {
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(member);
        ActiveSpeakers current = speakers.get(room);
        if (current != null && current.peers().length > 0) {
            member.activeSpeakers(current);
        }
    }

    /** {@code member} gets no more events of {@code room}. */
    public void unregister(String room, Member member) {
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(member);
            return members.isEmpty() ? null : members;
        });
    }

    /** How many peers of {@code room} are connected here. */
    public int localMembers(String room) {
        Set<Member> members = rooms.get(room);
        return members == null ? 0 : members.size();
    }

    private void each(String room, java.util.function.Consumer<Member> event) {
        Set<Member> members = rooms.get(room);
        if (members == null) {
            return;
        }
        for (Member member : members) {
            try {
                event.accept(member);
            } catch (RuntimeException e) {
                log.warn("room {} event for {} failed", room, member.peer(), e);
            }
        }
    }

    private static String key(String room, String peer) {
        return room + '\u001f' + peer;
    }

    @Override
    public void close() {
        for (AutoCloseable watch : watches) {
            try {
                watch.close();
            } catch (Exception e) {
                log.debug("closing a cluster watch failed", e);
            }
        }
    }
}
