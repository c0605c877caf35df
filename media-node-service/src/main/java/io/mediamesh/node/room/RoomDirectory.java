package io.mediamesh.node.room;

import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sfu.PublishedTrack;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The rooms that have a local publisher or viewer on this node. With the cluster, a {@link RoomObserver} learns when
 * a room opens (to bring in the publishers other nodes have in it) and closes. Event loop only.
 */
public final class RoomDirectory {
    /** Told when rooms open and close on this node. */
    public interface RoomObserver {
        void roomOpened(Room room);

        void roomClosed(Room room);

        /** A local publisher's media is up in the room. */
        void publisherAdded(Room room, Publisher publisher);

        /** A local publisher left the room. */
        void publisherRemoved(Room room, Publisher publisher);

        /** A local publisher that is already up added a track (an SDK sender). */
        default void localTrackAdded(Room room, Publisher publisher, PublishedTrack track, NegotiatedMedia media) {
        }

        /** A local publisher that stays removed a track (an SDK sender detached). */
        default void localTrackRemoved(Room room, Publisher publisher, PublishedTrack track) {
        }

        /**
         * The simulcast layers of a local publisher's track that anybody wants changed: the publisher should send
         * the lowest {@code activeLayers} and may pause the others ({@link LayerDemand}).
         */
        default void layersWanted(Room room, Publisher publisher, String track, int activeLayers) {
        }
    }

    private static final RoomObserver NONE = new RoomObserver() {
        @Override
        public void roomOpened(Room room) {
        }

        @Override
        public void roomClosed(Room room) {
        }

        @Override
        public void publisherAdded(Room room, Publisher publisher) {
        }

        @Override
        public void publisherRemoved(Room room, Publisher publisher) {
        }
    };

    private final Map<String, Room> rooms = new HashMap<>();
    private final LongSupplier clockMicros;
    private RoomObserver observer = NONE;

    /** @param clockMicros the node's monotonic clock in microseconds */
    public RoomDirectory(LongSupplier clockMicros) {
        this.clockMicros = clockMicros;
    }

    public void observe(RoomObserver roomObserver) {
        this.observer = roomObserver;
    }

    RoomObserver observer() {
        return observer;
    }

    long nowMicros() {
        return clockMicros.getAsLong();
    }

    /** The room, opened on first use. */
    public Room room(String id) {
        Room room = rooms.get(id);
        if (room == null) {
            room = new Room(id, this);
            rooms.put(id, room);
            observer.roomOpened(room);
        }
        return room;
    }

    /** The room if it is open on this node, else null. */
    public Room existing(String id) {
        return rooms.get(id);
    }

    void removeIfEmpty(Room room) {
        if (!room.hasLocalParticipants() && rooms.remove(room.id(), room)) {
            room.close();
            observer.roomClosed(room);
        }
    }

    public Collection<Room> rooms() {
        return rooms.values();
    }
}
