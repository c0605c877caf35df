package io.mediamesh.clustermedia;

import io.mediamesh.model.cluster.TrackInfo;

/** Tracks of one watched room appearing and disappearing. Called on the member's event loop. */
public interface RoomTracksListener {
    /** A track of the room is published (also called once for each track already there when the watch starts). */
    void trackAdded(TrackInfo track);

    /** A track of the room ended, its peer left, or its node left the cluster. */
    void trackRemoved(TrackInfo track);
}
