package io.mediamesh.node.room;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** The rooms that have a publisher or viewer on this node. Event loop only. */
public final class RoomDirectory {
    private final Map<String, Room> rooms = new HashMap<>();
    private final LongSupplier clockMicros;

    /** @param clockMicros the node's monotonic clock in microseconds */
    public RoomDirectory(LongSupplier clockMicros) {
        this.clockMicros = clockMicros;
    }

    long nowMicros() {
        return clockMicros.getAsLong();
    }

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
