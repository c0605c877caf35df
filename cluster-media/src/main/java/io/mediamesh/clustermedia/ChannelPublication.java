package io.mediamesh.clustermedia;

import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.overlay.wire.ChannelId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A track this member publishes into a room: registered in the cluster's track map, its packets enter the track's
 * overlay channel only while some node subscribes. Event loop only (see {@link OverlayMember#loop()}).
 */
public final class ChannelPublication implements AutoCloseable {
    private final OverlayMember member;
    private final TrackInfo info;
    private final ChannelId channel;
    private final ByteBufAllocator allocator;
    private Runnable keyframeRequested = () -> { };
    private boolean closed;

    ChannelPublication(OverlayMember member, TrackInfo info, ByteBufAllocator allocator) {
        this.member = member;
        this.info = info;
        this.channel = new ChannelId(info.channelId());
        this.allocator = allocator;
    }

    /**
     * Sends one RTP packet to the subscribers (nothing happens while nobody subscribes).
     *
     * @param rtp borrowed; its indexes are not changed
     * @return whether the packet entered the overlay
     */
    public boolean sendRtp(ByteBuf rtp) {
        if (closed || !member.driver().hasSubscribers(channel)) {
            return false;
        }
        ByteBuf payload = ChannelPayloads.rtp(allocator, rtp);
        try {
            member.driver().publish(channel, payload);
        } finally {
            payload.release();
        }
        return true;
    }

    /** Sends the clock pair of a sender report (NTP time of {@code rtpTimestamp}) to the subscribers. */
    public void sendSenderReport(long ntpTimestamp, long rtpTimestamp) {
        if (closed || !member.driver().hasSubscribers(channel)) {
            return;
        }
        ByteBuf payload = ChannelPayloads.senderReport(allocator, ntpTimestamp, rtpTimestamp);
        try {
            member.driver().publish(channel, payload);
        } finally {
            payload.release();
        }
    }

    /** Called (on the event loop) when subscribers ask for a keyframe; aggregated by the overlay on the way. */
    public void onKeyframeRequest(Runnable callback) {
        this.keyframeRequested = callback;
    }

    void keyframeRequested() {
        keyframeRequested.run();
    }

    /** Whether some node subscribes to this track now. */
    public boolean hasSubscribers() {
        return !closed && member.driver().hasSubscribers(channel);
    }

    public TrackInfo info() {
        return info;
    }

    /** Withdraws the track from the cluster: subscribers see it removed and unsubscribe. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            member.unpublished(this);
        }
    }
}
