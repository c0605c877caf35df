package io.mediamesh.overlay.wire;

import io.netty.buffer.ByteBuf;

/** The clear-text body of one overlay frame; {@link FrameBodies#decode} is the inverse of {@link #encode}. */
public sealed interface OverlayFrame permits Hello, Ping, Pong, RouteUpdate, Subscribe, Unsubscribe, ChannelData,
        Feedback {

    /** The {@link FrameType} code. */
    int type();

    /** Exact number of body bytes {@link #encode} writes. */
    int encodedLength();

    /** Appends the body (not the header, not the tag) to {@code out}. */
    void encode(ByteBuf out);

    /** Fails with {@link io.mediamesh.proto.MalformedPacketException} unless the body was fully consumed. */
    static void requireEnd(ByteBuf body, String what) {
        if (body.isReadable()) {
            throw new io.mediamesh.proto.MalformedPacketException(
                    what + " has " + body.readableBytes() + " trailing bytes");
        }
    }

    /** Fails with {@link io.mediamesh.proto.MalformedPacketException} unless {@code n} bytes are readable. */
    static void need(ByteBuf body, int n, String what) {
        if (body.readableBytes() < n) {
            throw new io.mediamesh.proto.MalformedPacketException(
                    what + " needs " + n + " bytes, has " + body.readableBytes());
        }
    }
}
