package io.mediamesh.model.cluster;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;

/**
 * Publisher-side control, from the publisher's media node to its signalling session: of a simulcast track, only the
 * lowest {@code activeLayers} encodings are wanted by any receiver in the cluster, so the SDK may switch the others
 * off (and on again when this says so).
 *
 * @param room         the room name
 * @param peer         the publishing peer
 * @param track        the track (the sender's name)
 * @param activeLayers how many encodings to keep sending, from the lowest; at least 1
 */
public record SenderLayers(String room, String peer, String track, int activeLayers) {
    public SenderLayers {
        new RoomId(room);
        new PeerId(peer);
        if (track == null || track.isEmpty()) {
            throw new IllegalArgumentException("track must be named");
        }
        if (activeLayers < 1) {
            throw new IllegalArgumentException("at least one layer stays active: " + activeLayers);
        }
    }
}
