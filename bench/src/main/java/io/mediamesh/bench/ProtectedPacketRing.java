package io.mediamesh.bench;

import io.mediamesh.core.srtp.SrtpKeys;
import io.mediamesh.core.srtp.SrtpProfile;
import io.mediamesh.core.srtp.SrtpSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The SRTP packets a browser publisher would send, protected ahead of time so that the benchmark measures only the
 * node's work. Packet {@code i} is {@link Vp8PacketWriter} packet {@code i} with sequence number {@code i}, so the
 * sequence numbers of a full ring (65,536 packets) increase without a gap or a repeat and the receiver's replay
 * check (RFC 3711 §3.3.2) accepts them all. After the last one, the receiver's SRTP session must be re-created
 * before the ring is replayed, because the browser's rollover counter would have moved on.
 *
 * <p>The packets live in one direct buffer, like the datagrams Netty reads from the socket.
 */
public final class ProtectedPacketRing implements AutoCloseable {
    /** One full cycle of 16-bit sequence numbers. */
    public static final int FULL_CYCLE = 65536;

    private final ByteBuf packets;
    private final int stride;
    private final int[] lengths;

    /**
     * @param keys the browser's side of the publisher's association ({@link BenchMedia#browserKeys})
     * @param size number of packets, at most {@link #FULL_CYCLE}
     */
    public ProtectedPacketRing(SrtpKeys keys, long ssrc, int size) {
        if (size <= 0 || size > FULL_CYCLE) {
            throw new IllegalArgumentException("ring size must be 1.." + FULL_CYCLE + ": " + size);
        }
        SrtpProfile profile = keys.profile();
        this.stride = Vp8PacketWriter.PACKET_LENGTH + profile.rtpAuthTagLength();
        this.lengths = new int[size];
        this.packets = Unpooled.directBuffer(stride * size);
        ByteBuf scratch = Unpooled.buffer(stride);
        try (SrtpSession browser = SrtpSession.create(keys)) {
            for (int i = 0; i < size; i++) {
                scratch.clear();
                Vp8PacketWriter.write(scratch, i, ssrc);
                if (!browser.protectRtp(scratch)) {
                    throw new IllegalStateException("could not protect packet " + i);
                }
                lengths[i] = scratch.readableBytes();
                packets.setBytes(i * stride, scratch, 0, lengths[i]);
            }
        } finally {
            scratch.release();
        }
        packets.writerIndex(stride * size);
    }

    public int size() {
        return lengths.length;
    }

    /** The buffer holding every packet; borrowed, valid until {@link #close()}. */
    public ByteBuf buffer() {
        return packets;
    }

    /** Index in {@link #buffer()} of packet {@code i}. */
    public int offset(int i) {
        return i * stride;
    }

    /** Length in bytes of protected packet {@code i}. */
    public int length(int i) {
        return lengths[i];
    }

    @Override
    public void close() {
        packets.release();
    }
}
