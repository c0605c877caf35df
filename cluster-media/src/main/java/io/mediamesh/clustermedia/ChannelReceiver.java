package io.mediamesh.clustermedia;

import io.netty.buffer.ByteBuf;

/** Receives the packets of a subscribed track. Called on the member's event loop. */
public interface ChannelReceiver {
    /**
     * One RTP packet of the track.
     *
     * @param rtp borrowed: valid during the call only (retain it to keep it)
     */
    void onRtp(ByteBuf rtp, long nowMicros);

    /** The source's sender-report clock pair (NTP time ↔ RTP timestamp), for lip sync. */
    default void onSenderReport(long ntpTimestamp, long rtpTimestamp, long nowMicros) {
    }
}
