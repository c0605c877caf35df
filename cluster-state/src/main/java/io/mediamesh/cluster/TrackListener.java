package io.mediamesh.cluster;

import io.mediamesh.model.cluster.TrackInfo;

/** Receives the cluster's track registry changes; see {@link ClusterState#watchTracks(TrackListener)}. */
public interface TrackListener {
    /** A track was published (or its entry replaced). */
    void trackAdded(TrackInfo track);

    /** A track ended, its peer left, or its node left the cluster. */
    void trackRemoved(TrackInfo track);
}
