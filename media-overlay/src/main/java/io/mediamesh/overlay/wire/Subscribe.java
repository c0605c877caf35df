package io.mediamesh.overlay.wire;

import static io.mediamesh.overlay.wire.OverlayFrame.need;
import static io.mediamesh.overlay.wire.OverlayFrame.requireEnd;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;

/**
 * Subscribe: "send me {@code channel}, published at {@code source}". Travels hop by hop towards the source along
 * the routing table; a node that already relays the channel only adds the sender as a downstream. It is also the
 * soft-state refresh, resent every tick (1 s) to the upstream.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       channel id (64 bits)                    |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       source NodeId                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Subscribe(ChannelId channel, NodeId source) implements OverlayFrame {
    public static final int LENGTH = 12;

    /** @param body borrows; consumes it */
    public static Subscribe decode(ByteBuf body) {
        need(body, LENGTH, "Subscribe");
        long channel = body.readLong();
        int source = body.readInt();
        if (source == NodeId.NONE) {
            throw new MalformedPacketException("Subscribe to reserved source node id 0");
        }
        requireEnd(body, "Subscribe");
        return new Subscribe(new ChannelId(channel), new NodeId(source));
    }

    @Override
    public int type() {
        return FrameType.SUBSCRIBE;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeLong(channel.value());
        out.writeInt(source.value());
    }
}
