package io.mediamesh.overlay.wire;

import static io.mediamesh.overlay.wire.OverlayFrame.need;
import static io.mediamesh.overlay.wire.OverlayFrame.requireEnd;

import io.netty.buffer.ByteBuf;

/**
 * Unsubscribe: "stop sending me {@code channel}". Sent upstream when a node has neither local subscribers nor
 * downstream neighbours left, and to the old upstream after a make-before-break switch; it prunes the tree
 * faster than the soft-state timeout.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       channel id (64 bits)                    |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Unsubscribe(ChannelId channel) implements OverlayFrame {
    public static final int LENGTH = 8;

    /** @param body borrows; consumes it */
    public static Unsubscribe decode(ByteBuf body) {
        need(body, LENGTH, "Unsubscribe");
        Unsubscribe frame = new Unsubscribe(new ChannelId(body.readLong()));
        requireEnd(body, "Unsubscribe");
        return frame;
    }

    @Override
    public int type() {
        return FrameType.UNSUBSCRIBE;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeLong(channel.value());
    }
}
