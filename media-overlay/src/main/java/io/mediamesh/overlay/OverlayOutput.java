package io.mediamesh.overlay;

import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.NodeId;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** What {@link OverlayNode#pollOutput()} hands to the caller. */
public sealed interface OverlayOutput {

    /** Send {@code frame} as one UDP datagram to {@code to}. @param frame the caller takes ownership */
    record Transmit(InetSocketAddress to, ByteBuf frame) implements OverlayOutput {
    }

    /** One packet for this node's local subscribers of {@code channel}. @param payload the caller takes ownership */
    record ChannelDataReceived(ChannelId channel, ByteBuf payload) implements OverlayOutput {
    }

    /** Aggregated subscriber feedback for a channel published at this node. */
    record FeedbackReceived(ChannelId channel, int kind, int count, long min, long max, long sum)
            implements OverlayOutput {
    }

    record LinkUp(NodeId neighbour) implements OverlayOutput {
    }

    record LinkDown(NodeId neighbour) implements OverlayOutput {
    }

    /** The next hop to {@code destination} changed; {@code nextHop} is null when it became unreachable. */
    record RouteChanged(NodeId destination, NodeId nextHop, int metricMicros, int hops) implements OverlayOutput {
    }
}
