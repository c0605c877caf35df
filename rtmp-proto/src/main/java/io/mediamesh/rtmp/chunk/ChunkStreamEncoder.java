package io.mediamesh.rtmp.chunk;

import io.netty.buffer.ByteBuf;

/**
 * Writes RTMP messages as chunks: a type-0 header, then type-3 continuation chunks of at most the outgoing chunk size,
 * extended timestamps when needed. The server's messages are small (control, command results), so every message
 * starts with a full header. Not thread-safe: one per connection.
 */
public final class ChunkStreamEncoder {
    private int chunkSize = 128;

    /** The outgoing chunk size; announce it with a set-chunk-size message first. */
    public void chunkSize(int size) {
        if (size < 1 || size > 0xFFFFFF) {
            throw new IllegalArgumentException("chunk size " + size);
        }
        this.chunkSize = size;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Appends one message to {@code out}.
     *
     * @param payload borrowed; read from its reader index without moving it
     */
    public void write(int chunkStreamId, int type, int streamId, long timestamp, ByteBuf payload, ByteBuf out) {
        if (chunkStreamId < 2 || chunkStreamId > 63) {
            throw new IllegalArgumentException("this encoder writes chunk streams 2..63, not " + chunkStreamId);
        }
        int length = payload.readableBytes();
        boolean extended = timestamp >= 0xFFFFFF;
        out.writeByte(chunkStreamId);
        out.writeMedium(extended ? 0xFFFFFF : (int) timestamp);
        out.writeMedium(length);
        out.writeByte(type);
        out.writeIntLE(streamId);
        if (extended) {
            out.writeInt((int) timestamp);
        }
        int at = payload.readerIndex();
        int written = 0;
        do {
            int take = Math.min(chunkSize, length - written);
            if (written > 0) {
                out.writeByte(0xC0 | chunkStreamId);
                if (extended) {
                    out.writeInt((int) timestamp);
                }
            }
            out.writeBytes(payload, at + written, take);
            written += take;
        } while (written < length);
    }
}
