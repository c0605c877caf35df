package io.mediamesh.overlay.pubsub;

import io.mediamesh.overlay.wire.ChannelId;
import io.netty.buffer.ByteBuf;

/** What the pub-sub engine asks its owner to do: send frames to neighbours, deliver locally, surface feedback. */
public interface PubSubSink {
    void sendSubscribe(int neighbour, long channel, int source);

    void sendUnsubscribe(int neighbour, long channel);

    void sendFeedback(int neighbour, FeedbackAggregate aggregate);

    /**
     * Seals one ChannelData frame and sends a copy to each of {@code neighbours[0..count)}.
     *
     * @param payload borrows; not consumed
     */
    void sendData(int[] neighbours, int count, long channel, int sequence, ByteBuf payload);

    /** Hands one packet to the local subscribers of {@code channel}. @param payload borrows; not consumed */
    void deliverLocal(ChannelId channel, ByteBuf payload);

    /** Aggregated feedback reached the channel's source node (this node). */
    void feedbackAtSource(FeedbackAggregate aggregate);
}
