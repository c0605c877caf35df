package io.mediamesh.cluster;

import com.hazelcast.map.EntryProcessor;
import io.mediamesh.model.cluster.RoomInfo;
import java.util.Map;

/**
 * Adds {@code delta} to a room's peer count on the partition that owns the room, so concurrent joins and leaves on
 * different nodes never lose an update. The entry is created by the first peer and deleted with the last one. Java
 * serialization: it is a tiny command, sent to the owner and the backups.
 *
 * @param room     the room key
 * @param delta    +1 for a peer that appeared, -1 for one that went away
 * @param nowMillis creation time if the room is new
 */
record RoomPeerDelta(String room, int delta, long nowMillis) implements EntryProcessor<String, RoomInfo, Void> {

    @Override
    public Void process(Map.Entry<String, RoomInfo> entry) {
        RoomInfo current = entry.getValue();
        int peers = (current == null ? 0 : current.peers()) + delta;
        if (peers <= 0) {
            entry.setValue(null);
        } else {
            entry.setValue(new RoomInfo(room, peers, current == null ? nowMillis : current.createdAtMillis()));
        }
        return null;
    }
}
