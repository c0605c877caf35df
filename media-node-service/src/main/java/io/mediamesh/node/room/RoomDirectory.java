package io.mediamesh.node.room;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The rooms that have a publisher or viewer on this node. Event loop only. */
public final class RoomDirectory {
    private final Map<String, Room> rooms = new HashMap<>();

    /** The room, created on first use. */
    public Room room(String id) {
        return rooms.computeIfAbsent(id, key -> new Room(key, this));
    }

    void removeIfEmpty(Room room) {
        if (room.isEmpty()) {
            rooms.remove(room.id(), room);
        }
    }

    public Collection<Room> rooms() {
        return rooms.values();
    }
}
