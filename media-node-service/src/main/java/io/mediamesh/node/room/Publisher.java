package io.mediamesh.node.room;

import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sfu.PublishedTrack;
import java.util.List;

/**
 * A peer whose tracks viewers in the room can play: a WHIP publisher on this node, or (with the cluster) a
 * publisher on another node whose channels arrive through the overlay. Event loop only.
 */
public interface Publisher {
    String peer();

    List<PublishedTrack> tracks();

    /** The first track of this kind, or null. */
    default PublishedTrack track(MediaKind kind) {
        for (PublishedTrack track : tracks()) {
            if (track.kind() == kind) {
                return track;
            }
        }
        return null;
    }

    /** The track with this name, or null. */
    default PublishedTrack trackNamed(String name) {
        for (PublishedTrack track : tracks()) {
            if (track.name().equals(name)) {
                return track;
            }
        }
        return null;
    }

    /** Asks the sender of {@code track} for a keyframe (throttled by the track). */
    void requestKeyframe(PublishedTrack track, long nowMicros);

    /** Asks the sender of {@code track} to retransmit packets no cache on the way had. */
    void requestRetransmission(PublishedTrack track, List<Integer> sequenceNumbers);

    /** A newer session of the same peer took this one's place in the room, or the room closed: end this one. */
    void replaced();

    /** The negotiated m-line of each track, in the order of {@link #tracks()} (empty for remote publishers). */
    default List<NegotiatedMedia> media() {
        return List.of();
    }

    /** Whether the peer's session is on this node (a remote publisher's tracks come through the overlay). */
    default boolean isLocal() {
        return true;
    }
}
