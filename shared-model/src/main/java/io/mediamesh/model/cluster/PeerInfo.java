package io.mediamesh.model.cluster;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;
import java.util.Objects;

/**
 * A peer of a room, owned by the media node its connection lives on. Removed when the peer leaves, and by the
 * cluster when its node leaves or dies.
 *
 * @param room         the room name (same rules as {@link RoomId})
 * @param peer         the peer name inside the room (same rules as {@link PeerId})
 * @param nodeId       the owning media node
 * @param kind         how the peer is connected
 * @param connectionId the WHIP/WHEP resource id (see {@link ConnectionId}); null for kinds without one
 */
public record PeerInfo(String room, String peer, int nodeId, PeerKind kind, String connectionId) {

    public PeerInfo {
        new RoomId(room);
        new PeerId(peer);
        Objects.requireNonNull(kind, "kind");
    }
}
