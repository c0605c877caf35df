package io.mediamesh.model.cluster;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;

/**
 * An operator's order, from the admin API to every service holding a connection of the room: disconnect {@code peer}
 * (or everybody, when it is null) with {@code reason}. Media nodes close their sessions when the gateway asks them;
 * this tells the signalling instances, which hold the SDK peers' WebSockets.
 *
 * @param room   the room name
 * @param peer   the peer to disconnect, or null for every peer of the room
 * @param reason why, as the disconnected client is told
 */
public record PeerKick(String room, String peer, String reason) {
    public PeerKick {
        new RoomId(room);
        if (peer != null) {
            new PeerId(peer);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a kick says why");
        }
    }

    /** Whether the kick is for {@code name} in {@code inRoom}. */
    public boolean concerns(String inRoom, String name) {
        return room.equals(inRoom) && (peer == null || peer.equals(name));
    }
}
