package io.mediamesh.rtmp.chunk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.collection.IntObjectHashMap;
import java.util.List;

/**
 * Reassembles RTMP messages from the chunk stream (RTMP specification 1.0, §5.3): the four chunk header formats,
 * one- to three-byte basic headers, extended timestamps (also on type-3 chunks that continue a message that had one),
 * interleaved chunk streams, chunk-size changes and aborts. Stateful, not thread-safe: one per connection.
 *
 * <p>Limits, so a broken or hostile client cannot grow memory without bound: messages up to
 * {@value #MAX_MESSAGE} bytes, at most {@value #MAX_CHUNK_STREAMS} chunk streams with a message in progress.
 */
public final class ChunkStreamDecoder {
    public static final int MAX_MESSAGE = 8 << 20;
    public static final int MAX_CHUNK_STREAMS = 64;
    private static final int DEFAULT_CHUNK_SIZE = 128;

    private final ByteBufAllocator allocator;
    private final IntObjectHashMap<StreamState> streams = new IntObjectHashMap<>();
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private long bytesRead;

    public ChunkStreamDecoder(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * Reads every complete chunk from {@code in}; completed messages are added to {@code out} (owned by the caller).
     * Incomplete chunks stay in {@code in}. Set-chunk-size and abort messages are applied here and also passed on.
     *
     * @param in borrowed
     * @throws RtmpProtocolException for input that breaks the protocol
     */
    public void decode(ByteBuf in, List<RtmpMessage> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            if (!readChunk(in, out)) {
                in.readerIndex(start);
                return;
            }
            bytesRead += in.readerIndex() - start;
        }
    }

    /** Total bytes of complete chunks read so far (for acknowledgements). */
    public long bytesRead() {
        return bytesRead;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** Releases partial messages. */
    public void release() {
        for (StreamState state : streams.values()) {
            state.discard();
        }
        streams.clear();
    }

    private boolean readChunk(ByteBuf in, List<RtmpMessage> out) {
        int first = in.readUnsignedByte();
        int format = first >>> 6;
        int csid = first & 0x3F;
        if (csid == 0) {
            if (!in.isReadable()) {
                return false;
            }
            csid = 64 + in.readUnsignedByte();
        } else if (csid == 1) {
            if (in.readableBytes() < 2) {
                return false;
            }
            csid = 64 + in.readUnsignedByte() + 256 * in.readUnsignedByte();
        }
        int headerLength = switch (format) {
            case 0 -> 11;
            case 1 -> 7;
            case 2 -> 3;
            default -> 0;
        };
        if (in.readableBytes() < headerLength) {
            return false;
        }
        StreamState state = streams.get(csid);
        if (state == null) {
            if (format != 0) {
                throw new RtmpProtocolException("chunk stream " + csid + " starts with a type-" + format + " header");
            }
            if (streams.size() >= MAX_CHUNK_STREAMS) {
                throw new RtmpProtocolException("more than " + MAX_CHUNK_STREAMS + " chunk streams");
            }
            state = new StreamState();
        }
        long timestampField = 0;
        int length = state.length;
        int type = state.type;
        int streamId = state.streamId;
        if (format <= 2) {
            timestampField = in.readUnsignedMedium();
        }
        if (format <= 1) {
            length = in.readUnsignedMedium();
            type = in.readUnsignedByte();
        }
        if (format == 0) {
            streamId = in.readIntLE();
        }
        boolean extended = format <= 2 ? timestampField == 0xFFFFFF : state.extended;
        if (extended) {
            if (in.readableBytes() < 4) {
                return false;
            }
            timestampField = in.readUnsignedInt();
        }
        boolean startsMessage = state.partial == null;
        int remaining = startsMessage ? length : length - state.partial.readableBytes();
        int take = Math.min(remaining, chunkSize);
        if (in.readableBytes() < take) {
            return false;
        }
        if (length > MAX_MESSAGE) {
            throw new RtmpProtocolException("message of " + length + " bytes exceeds " + MAX_MESSAGE);
        }
        // The chunk is complete: commit the header state.
        streams.put(csid, state);
        state.extended = extended;
        if (format <= 1 && !startsMessage && length != state.length) {
            throw new RtmpProtocolException("chunk stream " + csid + " changed length in the middle of a message");
        }
        state.length = length;
        state.type = type;
        state.streamId = streamId;
        if (format == 0) {
            state.timestamp = timestampField;
            state.delta = 0;
        } else if (format <= 2) {
            state.delta = timestampField;
            if (startsMessage) {
                state.timestamp = (state.timestamp + timestampField) & 0xFFFFFFFFL;
            }
        } else if (startsMessage && state.started) {
            state.timestamp = (state.timestamp + state.delta) & 0xFFFFFFFFL;
        }
        state.started = true;
        if (startsMessage) {
            state.partial = allocator.heapBuffer(Math.max(length, 1));
        }
        state.partial.writeBytes(in, take);
        if (state.partial.readableBytes() == length) {
            RtmpMessage message = new RtmpMessage(type, streamId, state.timestamp, state.partial);
            state.partial = null;
            apply(message);
            out.add(message);
        }
        return true;
    }

    private void apply(RtmpMessage message) {
        ByteBuf payload = message.payload();
        if (message.type() == MessageType.SET_CHUNK_SIZE && payload.readableBytes() >= 4) {
            int size = payload.getInt(payload.readerIndex()) & 0x7FFFFFFF;
            if (size < 1) {
                throw new RtmpProtocolException("chunk size " + size);
            }
            chunkSize = Math.min(size, 0xFFFFFF);
        } else if (message.type() == MessageType.ABORT && payload.readableBytes() >= 4) {
            StreamState aborted = streams.get(payload.getInt(payload.readerIndex()));
            if (aborted != null) {
                aborted.discard();
            }
        }
    }

    /** The last header seen on one chunk stream and its message in progress. */
    private static final class StreamState {
        long timestamp;
        long delta;
        int length;
        int type;
        int streamId;
        boolean extended;
        boolean started;
        ByteBuf partial;

        void discard() {
            if (partial != null) {
                partial.release();
                partial = null;
            }
        }
    }
}
