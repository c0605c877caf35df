package io.mediamesh.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * One complete RTMP message reassembled from chunks.
 *
 * @param type      the message type id ({@link MessageType})
 * @param streamId  the message stream id (0 for protocol control)
 * @param timestamp milliseconds, 32-bit wrapping as on the wire (extended timestamps resolved)
 * @param payload   owned by whoever holds the message: release it ({@link #release()})
 */
public record RtmpMessage(int type, int streamId, long timestamp, ByteBuf payload) implements AutoCloseable {

    /** Releases the payload. */
    public void release() {
        if (payload.refCnt() > 0) {
            ((ReferenceCounted) payload).release();
        }
    }

    @Override
    public void close() {
        release();
    }
}
