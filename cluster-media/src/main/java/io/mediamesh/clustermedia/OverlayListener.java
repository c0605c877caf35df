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

    /**
     * Feedback from the subscribers of a channel published here: {@code count} reports aggregated over the interval,
     * {@code value} their maximum (for {@code Feedback.KIND_NACK}, the one packed request).
     */
    void onFeedback(ChannelId channel, int kind, int count, long value, long nowMicros);
}
