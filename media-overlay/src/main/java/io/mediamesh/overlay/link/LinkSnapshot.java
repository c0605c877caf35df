package io.mediamesh.overlay.link;

import io.mediamesh.overlay.wire.NodeId;
import java.net.InetSocketAddress;

/**
 * Immutable view of a link for the admin API.
 *
 * @param peer null until the neighbour's first Hello
 * @param srttMicros smoothed RTT, -1 before the first sample
 * @param loss fraction of lost pings over the last {@value Link#LOSS_WINDOW}
 */
public record LinkSnapshot(NodeId peer, InetSocketAddress address, LinkState state, long srttMicros, double loss) {
}
