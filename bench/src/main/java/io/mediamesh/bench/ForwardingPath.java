package io.mediamesh.bench;

import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.core.srtp.SrtpKeys;
import io.mediamesh.core.srtp.SrtpProfile;
import io.mediamesh.core.srtp.SrtpSession;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's receive-and-forward path for one publisher track and its viewers, without sockets: per datagram it does
 * what {@code WebRtcSession.onSrtp} and {@code PublisherRole.onRtp} do (copy into a pooled heap buffer, unprotect,
 * parse, find the track by SSRC, {@link PublishedTrack#onRtp}, release), and each {@link Subscriber} does the
 * viewer's half. The track keeps a 1024-packet retransmission cache, the node's default for video.
 *
 * <p>Single-threaded, like the node's event loop. Build it with {@link #create}.
 */
public final class ForwardingPath implements AutoCloseable {
    /** The node's default {@code retransmission-cache-packets}. */
    public static final int CACHE_PACKETS = 1024;
    /** {@code WebRtcSession.copyToHeap} allocates this much beyond the datagram. */
    private static final int COPY_SLACK = 32;

    private final ByteBufAllocator allocator;
    private final SrtpKeys publisherKeys;
    private final PublishedTrack track;
    private final List<Subscriber> subscribers;
    private final RtpPacketView view = new RtpPacketView();
    private SrtpSession inbound;
    private long dropped;

    private ForwardingPath(ByteBufAllocator allocator, SrtpKeys publisherKeys, PublishedTrack track,
            List<Subscriber> subscribers) {
        this.allocator = allocator;
        this.publisherKeys = publisherKeys;
        this.track = track;
        this.subscribers = subscribers;
        this.inbound = SrtpSession.create(publisherKeys);
    }

    /**
     * A publisher track with {@code viewers} attached viewers. The publisher's association is seed 0 of
     * {@link BenchMedia#keyingMaterial}; viewer {@code i}'s is seed {@code i + 1}.
     *
     * @param outboundSrtp false to send the rewritten packets unprotected (measures the rewrite alone)
     */
    public static ForwardingPath create(SrtpProfile profile, int viewers, boolean outboundSrtp,
            ByteBufAllocator allocator, PacketWire wire) {
        PublishedTrack track = new PublishedTrack("publisher", "video_main", BenchMedia.publisher(), Runnable::run,
                CACHE_PACKETS);
        List<Subscriber> subscribers = new ArrayList<>(viewers);
        for (int i = 0; i < viewers; i++) {
            SrtpSession srtp = SrtpSession.create(BenchMedia.nodeKeys(profile, i + 1L));
            int reserve = srtp.maxOverhead();
            if (!outboundSrtp) {
                srtp.close();
                srtp = null;
            }
            Subscriber subscriber = new Subscriber(BenchMedia.viewer(i), srtp, allocator, reserve, wire);
            if (!subscriber.attach(track)) {
                throw new IllegalStateException("viewer " + i + " shares no codec with the publisher");
            }
            subscribers.add(subscriber);
        }
        return new ForwardingPath(allocator, BenchMedia.nodeKeys(profile, 0), track, subscribers);
    }

    /**
     * One SRTP datagram from the publisher.
     *
     * @param datagram borrows; the packet is {@code [offset, offset + length)} and is not modified
     * @return true when the packet was authenticated and fanned out
     */
    public boolean receive(ByteBuf datagram, int offset, int length, long nowMicros) {
        ByteBuf packet = allocator.heapBuffer(length + COPY_SLACK);
        try {
            packet.writeBytes(datagram, offset, length);
            if (!inbound.unprotectRtp(packet)) {
                dropped++;
                return false;
            }
            RtpPacketView parsed = view.wrap(packet);
            if (parsed.ssrc() != track.ssrc()) {
                dropped++;
                return false;
            }
            return track.onRtp(packet, parsed, nowMicros);
        } finally {
            packet.release();
        }
    }

    /**
     * Replaces the inbound SRTP session with a fresh one on the same keys, so that a {@link ProtectedPacketRing}
     * can be replayed from its start (its packets then look new again: rollover counter 0, unseen indices).
     */
    public void rekeyInbound() {
        inbound.close();
        inbound = SrtpSession.create(publisherKeys);
    }

    /** Datagrams that failed authentication or were not for the track. */
    public long dropped() {
        return dropped;
    }

    /** Sum of every viewer's failed {@code protectRtp} calls. */
    public long protectFailures() {
        long sum = 0;
        for (Subscriber subscriber : subscribers) {
            sum += subscriber.protectFailures();
        }
        return sum;
    }

    public PublishedTrack track() {
        return track;
    }

    public List<Subscriber> subscribers() {
        return subscribers;
    }

    /** Ends the track (releasing its cache) and closes every SRTP session. */
    @Override
    public void close() {
        track.end();
        for (Subscriber subscriber : subscribers) {
            subscriber.close();
        }
        inbound.close();
    }
}
