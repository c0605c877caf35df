package io.mediamesh.model.cluster;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;
import java.util.Objects;

/**
 * A track published by a peer, and where other nodes subscribe to it: the overlay channel that carries its packets
 * and the node that is the source of that channel.
 *
 * @param room         the room name
 * @param peer         the publishing peer
 * @param track        the track name inside the peer ({@code audio_main}, {@code video_main}, ...)
 * @param kind         audio or video
 * @param channelId    the overlay pub/sub channel id of the track
 * @param sourceNodeId the media node the publisher is connected to; owns this entry
 * @param media        the publisher's codecs and header-extension ids as one line of text (media-core's
 *                     {@code MediaDescriptor}), so a relaying node maps payload types like the source does; "" if
 *                     unknown
 */
public record TrackInfo(String room, String peer, String track, TrackKind kind, long channelId, int sourceNodeId,
        String media) {

    public TrackInfo {
        new RoomId(room);
        new PeerId(peer);
        if (track == null || track.isBlank() || track.length() > 128 || track.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("track must be 1 to 128 characters without control characters");
        }
        Objects.requireNonNull(kind, "kind");
        media = media == null ? "" : media;
    }
}
