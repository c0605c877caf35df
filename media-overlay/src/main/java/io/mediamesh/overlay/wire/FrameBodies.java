package io.mediamesh.overlay.wire;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;

/** Decodes a decrypted frame body by its header type. */
public final class FrameBodies {
    private FrameBodies() {
    }

    /**
     * @param body borrows; consumes it ({@link ChannelData#payload()} is a slice of it)
     * @throws MalformedPacketException if the body does not match the type's format
     */
    public static OverlayFrame decode(int type, ByteBuf body) {
        return switch (type) {
            case FrameType.HELLO -> Hello.decode(body);
            case FrameType.PING -> Ping.decode(body);
            case FrameType.PONG -> Pong.decode(body);
            case FrameType.ROUTE_UPDATE -> RouteUpdate.decode(body);
            case FrameType.SUBSCRIBE -> Subscribe.decode(body);
            case FrameType.UNSUBSCRIBE -> Unsubscribe.decode(body);
            case FrameType.CHANNEL_DATA -> ChannelData.decode(body);
            case FrameType.FEEDBACK -> Feedback.decode(body);
            default -> throw new MalformedPacketException("unknown overlay frame type " + type);
        };
    }
}
