package io.mediamesh.clustermedia;

import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.Feedback;

/**
 * This member's subscription to a track published elsewhere: the overlay routes the SUB hop by hop toward the
 * track's source node and delivers its packets to the {@link ChannelReceiver}. Event loop only.
 */
public final class ChannelSubscription implements AutoCloseable {
    private final OverlayMember member;
    private final TrackInfo track;
    private final ChannelReceiver receiver;
    private boolean closed;

    ChannelSubscription(OverlayMember member, TrackInfo track, ChannelReceiver receiver) {
        this.member = member;
        this.track = track;
        this.receiver = receiver;
    }

    /** Asks the track's source for a keyframe (aggregated with other subscribers' requests on the way). */
    public void requestKeyframe() {
        if (!closed) {
            member.driver().sendFeedback(new ChannelId(track.channelId()), Feedback.KIND_KEYFRAME_REQUEST, 1);
        }
    }

    public TrackInfo track() {
        return track;
    }

    ChannelReceiver receiver() {
        return receiver;
    }

    /** Unsubscribes; the overlay prunes the tree. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            member.unsubscribed(this);
        }
    }
}
