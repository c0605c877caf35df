package io.mediamesh.gateway.admin;

import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import io.mediamesh.model.cluster.PeerInfo;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import java.util.List;

/** The JSON shapes of the admin API, separate from the stored records so storage can change without breaking it. */
final class AdminViews {

    private AdminViews() {
    }

    /**
     * A media node as operators see it.
     *
     * @param id                8 hex digits, {@code zone << 8 | index}
     * @param heartbeatAgeMillis how long ago the node last reported
     * @param eligible          whether this gateway would choose it for a new session now
     */
    record NodeView(String id, int zone, int index, String httpUrl, List<String> webrtcCandidates,
            String overlayAddress, NodeLoad load, boolean draining, long heartbeatAgeMillis, boolean eligible) {

        static NodeView of(NodeInfo node, long nowMillis, boolean eligible) {
            return new NodeView(node.nodeIdHex(), node.zone(), node.nodeId() & 0xff, node.httpUrl(),
                    node.webrtcCandidates(), node.overlayAddress(), node.load(), node.draining(),
                    Math.max(0, nowMillis - node.heartbeatMillis()), eligible);
        }
    }

    /** A published track. */
    record TrackView(String track, TrackKind kind, long channelId, String sourceNode) {

        static TrackView of(TrackInfo track) {
            return new TrackView(track.track(), track.kind(), track.channelId(),
                    io.mediamesh.model.cluster.NodeIds.hex(track.sourceNodeId()));
        }
    }

    /** A peer with its tracks. */
    record PeerView(String peer, String node, PeerKind kind, String connectionId, List<TrackView> tracks) {

        static PeerView of(PeerInfo peer, List<TrackInfo> roomTracks) {
            List<TrackView> tracks = roomTracks.stream().filter(t -> t.peer().equals(peer.peer()))
                    .map(TrackView::of).toList();
            return new PeerView(peer.peer(), io.mediamesh.model.cluster.NodeIds.hex(peer.nodeId()), peer.kind(),
                    peer.connectionId(), tracks);
        }
    }

    /** A peer with the room it is in (for lists across rooms). */
    record RoomPeerView(String room, PeerView peer) {
    }

    /** One active speaker: the peer and its smoothed audio level in dBov (0 loudest, -127 silence). */
    record SpeakerView(String peer, int level) {
        static List<SpeakerView> of(io.mediamesh.model.cluster.ActiveSpeakers speakers) {
            List<SpeakerView> views = new java.util.ArrayList<>(speakers.peers().length);
            for (int i = 0; i < speakers.peers().length; i++) {
                views.add(new SpeakerView(speakers.peers()[i], speakers.levels()[i]));
            }
            return views;
        }
    }

    /** The outcome of a kick or a room close: which nodes were asked. */
    record Closed(String room, String peer, List<String> nodes) {
    }
}
