package io.mediamesh.overlay.wire;

import static io.mediamesh.overlay.wire.OverlayFrame.need;
import static io.mediamesh.overlay.wire.OverlayFrame.requireEnd;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Hello: the link handshake. A node sends it to each seed until the link is up and answers every Hello that is not
 * an acknowledgement with an acknowledging Hello. Because the frame is authenticated, receiving one proves that the
 * peer holds the cluster secret. The zone is the upper 24 bits of {@code node}; {@code address} is the sender's
 * advertised overlay address as text (for the admin API and future peer discovery, e.g. "10.0.0.1:7000").
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     node id (zone:24 | index:8)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  flags (b0=ACK)| address len  |  address (UTF-8) ...          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Hello(NodeId node, boolean ack, String address) implements OverlayFrame {
    private static final int ACK_FLAG = 0x01;

    public Hello {
        if (address.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("advertised address longer than 255 bytes");
        }
    }

    public int zone() {
        return node.zone();
    }

    /** @param body borrows; consumes it */
    public static Hello decode(ByteBuf body) {
        need(body, 6, "Hello");
        int node = body.readInt();
        if (node == NodeId.NONE) {
            throw new MalformedPacketException("Hello from reserved node id 0");
        }
        int flags = body.readUnsignedByte();
        if ((flags & ~ACK_FLAG) != 0) {
            throw new MalformedPacketException("Hello has unknown flags " + flags);
        }
        int length = body.readUnsignedByte();
        need(body, length, "Hello address");
        String address = body.readCharSequence(length, StandardCharsets.UTF_8).toString();
        requireEnd(body, "Hello");
        return new Hello(new NodeId(node), (flags & ACK_FLAG) != 0, address);
    }

    @Override
    public int type() {
        return FrameType.HELLO;
    }

    @Override
    public int encodedLength() {
        return 6 + address.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void encode(ByteBuf out) {
        byte[] text = address.getBytes(StandardCharsets.UTF_8);
        out.writeInt(node.value());
        out.writeByte(ack ? ACK_FLAG : 0);
        out.writeByte(text.length);
        out.writeBytes(text);
    }
}
