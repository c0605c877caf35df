package io.mediamesh.overlay.wire;

import static io.mediamesh.overlay.wire.OverlayFrame.need;

import io.netty.buffer.ByteBuf;

/**
 * ChannelData: one published packet (opaque payload, e.g. an RTP packet) travelling down a channel's tree. The
 * source numbers packets per channel; relays keep the number, so a node that switches upstream (make-before-break)
 * can drop a packet it already got over the old path.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       channel id (64 bits)                    |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 sequence (32 bits, set by the source)         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       payload ...                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The engine's per-packet path does not build this record; it reads the fields in place with
 * {@link #channelAt}/{@link #sequenceAt}. The record exists for tests and tools.
 *
 * @param payload a slice of the decoded body; it borrows that body's memory and is valid only as long as it
 */
public record ChannelData(ChannelId channel, int sequence, ByteBuf payload) implements OverlayFrame {
    public static final int PREFIX_LENGTH = 12;

    /** @param body borrows; consumes it and returns a slice of it as the payload */
    public static ChannelData decode(ByteBuf body) {
        need(body, PREFIX_LENGTH, "ChannelData");
        long channel = body.readLong();
        int sequence = body.readInt();
        return new ChannelData(new ChannelId(channel), sequence, body.readSlice(body.readableBytes()));
    }

    /** The channel id of the ChannelData body starting at {@code bodyStart} (caller checked the length). */
    public static long channelAt(ByteBuf body, int bodyStart) {
        return body.getLong(bodyStart);
    }

    /** The sequence of the ChannelData body starting at {@code bodyStart} (caller checked the length). */
    public static int sequenceAt(ByteBuf body, int bodyStart) {
        return body.getInt(bodyStart + 8);
    }

    /** Writes the body without building a record (per-packet path). @param payload borrows; not consumed */
    public static void write(ByteBuf out, long channel, int sequence, ByteBuf payload) {
        out.writeLong(channel);
        out.writeInt(sequence);
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
    }

    @Override
    public int type() {
        return FrameType.CHANNEL_DATA;
    }

    @Override
    public int encodedLength() {
        return PREFIX_LENGTH + payload.readableBytes();
    }

    @Override
    public void encode(ByteBuf out) {
        write(out, channel.value(), sequence, payload);
    }
}
