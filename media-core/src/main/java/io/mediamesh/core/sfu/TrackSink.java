package io.mediamesh.core.sfu;

import io.netty.buffer.ByteBuf;

/**
 * A receiver of a published track's media: a local subscriber's outgoing stream, or later an overlay relay.
 * Called on the publisher's event loop; an implementation on another loop must hand the work over (and
 * {@code retain} the packet for it) rather than touch its own state here.
 */
public interface TrackSink {
    /**
     * One decrypted RTP packet of {@code source}.
     *
     * @param packet borrows: readable bytes are the whole RTP packet; must not be modified
     */
    void onRtp(PublishedTrack source, ByteBuf packet, long nowMicros);

    /** The publisher's sender report for this track: NTP time and the RTP timestamp that matches it. */
    void onSenderReport(PublishedTrack source, long ntpTimestamp, long rtpTimestamp);

    /** The track ended (its publisher left); no more packets will come from it. */
    void onSourceEnded(PublishedTrack source);
}
