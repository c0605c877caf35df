package io.mediamesh.model.cluster;

import io.mediamesh.model.ids.RoomId;

/**
 * A room that has at least one peer somewhere in the cluster. The entry appears with its first peer and disappears
 * with its last one.
 *
 * @param room             the room name
 * @param peers            how many peers the room has over all nodes
 * @param createdAtMillis  when its first current peer joined (epoch millis)
 */
public record RoomInfo(String room, int peers, long createdAtMillis) {

    public RoomInfo {
        new RoomId(room);
        if (peers < 0) {
            throw new IllegalArgumentException("peers must not be negative, was " + peers);
        }
    }
}
