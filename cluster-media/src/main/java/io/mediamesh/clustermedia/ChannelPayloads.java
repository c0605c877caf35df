package io.mediamesh.clustermedia;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The payload format of a track's overlay channel: one type byte, then either an RTP packet ({@link #RTP}) or a
 * sender report's clock pair ({@link #SENDER_REPORT}: 8-byte NTP timestamp, 4-byte RTP timestamp). Every publisher of
 * tracks (media node, RTMP ingest, SIP gateway) and every subscriber speaks it. Pure.
 */
public final class ChannelPayloads {
    /** An RTP packet follows the type byte. */
    public static final int RTP = 0;
    /** A sender report's NTP timestamp (8 bytes) and RTP timestamp (4 bytes) follow the type byte. */
    public static final int SENDER_REPORT = 1;
    /** Length of a sender-report payload. */
    public static final int SENDER_REPORT_LENGTH = 13;

    private ChannelPayloads() {
    }

    /**
     * A new payload carrying {@code rtp}.
     *
     * @param rtp borrowed; its indexes are not changed
     * @return a heap buffer the caller owns
     */
    public static ByteBuf rtp(ByteBufAllocator allocator, ByteBuf rtp) {
        ByteBuf payload = allocator.heapBuffer(1 + rtp.readableBytes());
        return payload.writeByte(RTP).writeBytes(rtp, rtp.readerIndex(), rtp.readableBytes());
    }

    /** A new sender-report payload the caller owns. */
    public static ByteBuf senderReport(ByteBufAllocator allocator, long ntpTimestamp, long rtpTimestamp) {
        return allocator.heapBuffer(SENDER_REPORT_LENGTH).writeByte(SENDER_REPORT).writeLong(ntpTimestamp)
                .writeInt((int) rtpTimestamp);
    }
}
