package io.mediamesh.model.cluster;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;

/**
 * A message a peer published on one of its room's message channels, delivered to every peer of the room (on any
 * signalling instance) that subscribed to the channel's label.
 *
 * @param room  the room name
 * @param label the channel label, 1 to 64 of {@code [A-Za-z0-9_.:-]}
 * @param from  the publishing peer
 * @param data  the payload as text (the SDK sends JSON), at most {@value #MAX_DATA} characters
 */
public record RoomMessage(String room, String label, String from, String data) {
    /** The largest payload a message may carry. */
    public static final int MAX_DATA = 16 * 1024;

    public RoomMessage {
        new RoomId(room);
        new PeerId(from);
        if (label == null || !label.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new IllegalArgumentException("label must be 1 to 64 of [A-Za-z0-9_.:-]");
        }
        if (data == null || data.length() > MAX_DATA) {
            throw new IllegalArgumentException("data must be present and at most " + MAX_DATA + " characters");
        }
    }
}
