package io.mediamesh.overlay.wire;

import static io.mediamesh.overlay.wire.OverlayFrame.need;
import static io.mediamesh.overlay.wire.OverlayFrame.requireEnd;

import io.netty.buffer.ByteBuf;

/**
 * Pong: the answer to a {@link Ping}, echoing its {@code seq} and send time. A link without a Pong for the dead
 * timeout (3 s) is down.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          seq (32 bits)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  echoedSentMicros (64 bits, µs)               |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Pong(int seq, long echoedSentMicros) implements OverlayFrame {
    public static final int LENGTH = 12;

    /** @param body borrows; consumes it */
    public static Pong decode(ByteBuf body) {
        need(body, LENGTH, "Pong");
        Pong frame = new Pong(body.readInt(), body.readLong());
        requireEnd(body, "Pong");
        return frame;
    }

    @Override
    public int type() {
        return FrameType.PONG;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(seq);
        out.writeLong(echoedSentMicros);
    }
}
