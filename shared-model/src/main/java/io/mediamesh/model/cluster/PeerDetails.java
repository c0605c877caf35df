package io.mediamesh.model.cluster;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;

/**
 * What the other peers of a room are told about an SDK peer besides its {@link PeerInfo}: the server-trusted
 * {@code extraData} from its token and the {@code metadata} it set itself. Kept beside the peer entry, removed with it.
 *
 * @param room      the room name
 * @param peer      the peer name
 * @param extraData the token's {@code extra_data}, or null
 * @param metadata  client-set text (the SDK sends JSON), at most {@value #MAX_METADATA} characters, or null
 */
public record PeerDetails(String room, String peer, String extraData, String metadata) {
    /** The longest metadata a peer may set. */
    public static final int MAX_METADATA = 4096;

    public PeerDetails {
        new RoomId(room);
        new PeerId(peer);
        if (metadata != null && metadata.length() > MAX_METADATA) {
            throw new IllegalArgumentException("metadata longer than " + MAX_METADATA + " characters");
        }
    }
}
