package io.mediamesh.bench;

import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.bwe.BandwidthEstimator;
import io.mediamesh.core.bwe.BweSettings;
import io.mediamesh.core.sfu.OutgoingStream;
import io.mediamesh.core.sfu.TransportWideSequence;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.core.sfu.TrackSink;
import io.mediamesh.core.srtp.SrtpSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One viewer's video m-line, doing per packet what the node's {@code ViewerRole.StreamSink.onRtp} and
 * {@code WebRtcSession.sendRtp} do: {@link OutgoingStream#forward} into a new pooled buffer with room for the SRTP
 * tag, {@link SrtpSession#protectRtp} with this viewer's own session, then the socket write (here a
 * {@link PacketWire}). The node's metric counters and the write queue are left out.
 *
 * <p>Runs on the publisher's thread, as in the node when publisher and viewer share an event loop.
 */
public final class Subscriber implements TrackSink {
    private final OutgoingStream out;
    private final SrtpSession srtp;
    private final ByteBufAllocator allocator;
    private final int reserve;
    private final PacketWire wire;
    private long protectFailures;

    /**
     * @param srtp this viewer's session, or null to measure the rewrite alone (the packet then goes to the wire
     *     unprotected); the subscriber owns it and closes it in {@link #close()}
     * @param reserve bytes left writable after each rewritten packet, as {@code WebRtcSession.protectionOverhead()}
     */
    public Subscriber(NegotiatedMedia media, SrtpSession srtp, ByteBufAllocator allocator, int reserve,
            PacketWire wire) {
        this.out = new OutgoingStream(media);
        // As SubscriberBandwidth does: every packet numbered for transport-wide feedback and recorded by the
        // session's send-side estimator.
        BandwidthEstimator estimator = new BandwidthEstimator(BweSettings.DEFAULT);
        this.out.useTransportWideSequence(new TransportWideSequence(estimator::onPacketSent));
        this.srtp = srtp;
        this.allocator = allocator;
        this.reserve = reserve;
        this.wire = wire;
    }

    /** Attaches the outgoing stream to {@code track} and adds this sink to it, as {@code ViewerRole.attach}. */
    public boolean attach(PublishedTrack track) {
        if (!out.attach(track)) {
            return false;
        }
        track.addSink(this);
        return true;
    }

    @Override
    public void onRtp(PublishedTrack source, ByteBuf packet, long nowMicros) {
        ByteBuf rewritten = out.forward(source, packet, nowMicros, allocator, reserve);
        if (rewritten != null) {
            send(rewritten);
        }
    }

    /** {@code WebRtcSession.sendRtp}: takes ownership of {@code plain}. */
    private void send(ByteBuf plain) {
        if (srtp != null) {
            if (plain.writableBytes() < srtp.maxOverhead()) {
                plain.ensureWritable(srtp.maxOverhead());
            }
            if (!srtp.protectRtp(plain)) {
                plain.release();
                protectFailures++;
                return;
            }
        }
        wire.send(this, plain);
    }

    @Override
    public void onSenderReport(PublishedTrack source, long ntpTimestamp, long rtpTimestamp) {
        // Sender reports are not part of the per-packet path being measured.
    }

    @Override
    public void onSourceEnded(PublishedTrack source) {
        out.detach();
    }

    public OutgoingStream stream() {
        return out;
    }

    /** This viewer's SRTP session, or null when built without outbound SRTP. */
    public SrtpSession srtp() {
        return srtp;
    }

    public long protectFailures() {
        return protectFailures;
    }

    public void close() {
        if (srtp != null) {
            srtp.close();
        }
    }
}
