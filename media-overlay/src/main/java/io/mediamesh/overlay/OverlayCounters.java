package io.mediamesh.overlay;

/**
 * Why incoming frames were dropped, and how much went through, since the engine started.
 *
 * @param malformed not an overlay frame, or a body that does not parse
 * @param unauthenticated frame tag failed (wrong secret, tampering)
 * @param replayed counter already seen or too old
 * @param notNeighbour authenticated but from a node without an up link (only Hello may open a link)
 * @param dataWithoutState ChannelData for a channel this node does not relay
 * @param dataNotFromUpstream ChannelData from a neighbour that is not the channel's upstream
 * @param dataDuplicate ChannelData whose sequence was already seen
 */
public record OverlayCounters(long framesIn, long framesOut, long malformed, long unauthenticated, long replayed,
        long notNeighbour, long dataWithoutState, long dataNotFromUpstream, long dataDuplicate) {
}
