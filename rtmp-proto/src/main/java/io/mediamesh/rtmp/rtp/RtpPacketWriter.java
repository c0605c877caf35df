package io.mediamesh.rtmp.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes the 12-byte RTP header (RFC 3550 §5.1, no CSRC, no extension) of one outgoing stream and keeps its sequence
 * number. Not thread-safe.
 */
public final class RtpPacketWriter {
    private final ByteBufAllocator allocator;
    private final int payloadType;
    private final int ssrc;
    private int sequence;

    public RtpPacketWriter(ByteBufAllocator allocator, int payloadType, int ssrc, int firstSequence) {
        this.allocator = allocator;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xFFFF;
    }

    /** A new packet (owned by the caller) with the header written; append the payload. */
    public ByteBuf start(int payloadCapacity, boolean marker, long timestamp) {
        ByteBuf packet = allocator.heapBuffer(12 + payloadCapacity);
        packet.writeByte(0x80);
        packet.writeByte((marker ? 0x80 : 0) | payloadType);
        packet.writeShort(sequence);
        packet.writeInt((int) timestamp);
        packet.writeInt(ssrc);
        sequence = (sequence + 1) & 0xFFFF;
        return packet;
    }

    public int ssrc() {
        return ssrc;
    }

    /** The sequence number the next packet gets. */
    public int nextSequence() {
        return sequence;
    }
}
