package io.mediamesh.overlay.wire;

import static io.mediamesh.overlay.wire.OverlayFrame.need;
import static io.mediamesh.overlay.wire.OverlayFrame.requireEnd;

import io.netty.buffer.ByteBuf;

/**
 * Ping: link liveness and RTT probe, sent on every up link once per tick (1 s). The peer answers with a
 * {@link Pong} echoing {@code seq} and {@code sentMicros}, so the sender needs no per-ping state to compute the RTT.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          seq (32 bits)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     sentMicros (64 bits, µs)                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Ping(int seq, long sentMicros) implements OverlayFrame {
    public static final int LENGTH = 12;

    /** @param body borrows; consumes it */
    public static Ping decode(ByteBuf body) {
        need(body, LENGTH, "Ping");
        Ping frame = new Ping(body.readInt(), body.readLong());
        requireEnd(body, "Ping");
        return frame;
    }

    @Override
    public int type() {
        return FrameType.PING;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeInt(seq);
        out.writeLong(sentMicros);
    }
}
