package io.mediamesh.node.relay;

import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.node.room.Publisher;
import io.mediamesh.overlay.wire.ChannelId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A publisher on another node, seen from a room on this one: each of its tracks is an overlay channel this node
 * subscribed to, re-published locally as a {@link PublishedTrack} (with its own retransmission cache, so viewers'
 * NACKs are answered here). Keyframe requests travel upstream as overlay feedback. Event loop only.
 */
final class RemotePublisher implements Publisher {
    private final String peer;
    private final ClusterRelay relay;
    private final List<PublishedTrack> tracks = new ArrayList<>();
    private final Map<PublishedTrack, ChannelId> channels = new HashMap<>();

    RemotePublisher(String peer, ClusterRelay relay) {
        this.peer = peer;
        this.relay = relay;
    }

    void add(PublishedTrack track, ChannelId channel) {
        tracks.add(track);
        channels.put(track, channel);
    }

    void remove(PublishedTrack track) {
        tracks.remove(track);
        channels.remove(track);
    }

    ChannelId channelOf(PublishedTrack track) {
        return channels.get(track);
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public List<PublishedTrack> tracks() {
        return tracks;
    }

    @Override
    public void requestKeyframe(PublishedTrack track, long nowMicros) {
        ChannelId channel = channels.get(track);
        if (channel != null && track.admitKeyframeRequest(nowMicros)) {
            relay.requestKeyframe(channel);
        }
    }

    @Override
    public void requestRetransmission(PublishedTrack track, List<Integer> sequenceNumbers) {
        // What this node's cache of the relayed track could not repair was lost between the nodes: the source
        // node sends it again into the channel (relays have no cache; the source's track has).
        ChannelId channel = channels.get(track);
        if (channel != null && !sequenceNumbers.isEmpty()) {
            relay.requestRetransmission(channel, sequenceNumbers);
        }
    }

    @Override
    public void replaced() {
        relay.release(this);
    }

    @Override
    public boolean isLocal() {
        return false;
    }
}
