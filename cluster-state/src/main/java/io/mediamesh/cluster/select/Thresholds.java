package io.mediamesh.cluster.select;


/**
 * When a media node may not take a new session.
 *
 * @param maxCpu            CPU share (0..1) at or above which a node is overloaded
 * @param maxSessions       session count at or above which a node is overloaded
 * @param maxBandwidthBps   bandwidth at or above which a node is overloaded; 0 means no limit
 * @param staleAfterMillis  a heartbeat older than this means the node is gone
 */
public record Thresholds(double maxCpu, int maxSessions, long maxBandwidthBps, long staleAfterMillis) {

}
