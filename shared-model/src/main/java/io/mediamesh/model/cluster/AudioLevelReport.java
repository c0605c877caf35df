package io.mediamesh.model.cluster;

import io.mediamesh.model.ids.RoomId;

/**
 * What one media node heard from its local audio publishers of one room over the last reporting window (about
 * 300 ms): per peer, the loudest of its audio tracks' mean RFC 6464 levels. Nodes publish these on a cluster topic;
 * the nodes that report on the same room merge them into one active-speaker ranking ({@link ActiveSpeakers}).
 *
 * @param room   the room name
 * @param nodeId the reporting media node
 * @param peers  the peers that publish audio on that node
 * @param levels each peer's level, 0 (loudest) to 127 (silence), in -dBov as RFC 6464 carries it
 * @param voice  whether each peer's window was mostly marked as voice (the V bit)
 */
public record AudioLevelReport(String room, int nodeId, String[] peers, int[] levels, boolean[] voice) {

    public AudioLevelReport {
        new RoomId(room);
        if (peers == null || levels == null || voice == null || peers.length != levels.length
                || peers.length != voice.length) {
            throw new IllegalArgumentException("peers, levels and voice must have the same length");
        }
    }
}
