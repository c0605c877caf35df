package io.mediamesh.cluster;

import io.mediamesh.model.cluster.PeerDetails;
import io.mediamesh.model.cluster.PeerInfo;

/**
 * Receives the cluster's peer registry changes; see {@link ClusterState#watchPeers(PeerListener)}. Called on a
 * Hazelcast event thread: hand the work to your own thread.
 */
public interface PeerListener {
    /** A peer joined a room (or its entry was replaced). */
    void peerJoined(PeerInfo peer);

    /** A peer left, was kicked, or its node left the cluster. */
    void peerLeft(PeerInfo peer);

    /** A peer's details (token extra data, client metadata) were set or changed. */
    void peerUpdated(PeerDetails details);
}
