package io.mediamesh.clustermedia;

import io.mediamesh.overlay.wire.ChannelId;
import io.netty.buffer.ByteBuf;

/** What the overlay delivers to this node. Called on the UDP event loop. */
public interface OverlayListener {
    /**
     * One packet of a channel this node subscribed to.
     *
     * @param payload takes ownership
     */
    void onChannelData(ChannelId channel, ByteBuf payload, long nowMicros);

    /** Aggregated feedback from the subscribers of a channel published here. */
    void onFeedback(ChannelId channel, int kind, int count, long nowMicros);
}
