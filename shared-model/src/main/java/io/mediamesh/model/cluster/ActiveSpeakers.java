package io.mediamesh.model.cluster;

import io.mediamesh.model.ids.RoomId;

/**
 * The active speakers of a room, dominant first, as one media node ranked them from every node's
 * {@link AudioLevelReport}s. An empty list means nobody speaks. The entry is refreshed while the room has audio
 * publishers and expires a few seconds after the last one left.
 *
 * @param room         the room name
 * @param peers        the speaking peers, dominant first
 * @param levels       each one's smoothed level in dBov (0 loudest, -127 silence)
 * @param rankerNodeId the media node that ranked them
 */
public record ActiveSpeakers(String room, String[] peers, int[] levels, int rankerNodeId) {

    public ActiveSpeakers {
        new RoomId(room);
        if (peers == null || levels == null || peers.length != levels.length) {
            throw new IllegalArgumentException("peers and levels must have the same length");
        }
    }

    /** Whether {@code other} names the same speakers in the same order (levels aside). */
    public boolean sameOrder(ActiveSpeakers other) {
        return other != null && java.util.Arrays.equals(peers, other.peers);
    }
}
