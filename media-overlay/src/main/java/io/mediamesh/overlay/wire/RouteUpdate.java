package io.mediamesh.overlay.wire;

import static io.mediamesh.overlay.wire.OverlayFrame.need;
import static io.mediamesh.overlay.wire.OverlayFrame.requireEnd;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * RouteUpdate: one distance-vector advertisement (a whole table or a part of it; large tables span several
 * frames, so a missing destination is not a withdrawal: withdrawals are explicit {@link RouteEntry#INFINITE_METRIC}
 * entries). Entries are 9 bytes; {@link #MAX_ENTRIES} keeps a frame under a 1200-byte path MTU.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         entry count           |  destination NodeId ...       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | ... destination  |   metric (µs, 32 bits; 0x7fffffff = ∞) ... |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | ... metric       |     hops      |  next entry ...            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record RouteUpdate(List<RouteEntry> entries) implements OverlayFrame {
    public static final int MAX_ENTRIES = 120;

    public RouteUpdate {
        entries = List.copyOf(entries);
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " entries per frame");
        }
    }

    /** @param body borrows; consumes it */
    public static RouteUpdate decode(ByteBuf body) {
        need(body, 2, "RouteUpdate");
        int count = body.readUnsignedShort();
        if (count > MAX_ENTRIES) {
            throw new MalformedPacketException("RouteUpdate with " + count + " entries");
        }
        need(body, count * RouteEntry.LENGTH, "RouteUpdate entries");
        List<RouteEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int destination = body.readInt();
            int metric = body.readInt();
            int hops = body.readUnsignedByte();
            if (destination == NodeId.NONE) {
                throw new MalformedPacketException("route to reserved node id 0");
            }
            if (metric < 0) {
                throw new MalformedPacketException("route metric above 2^31-1: " + Integer.toUnsignedString(metric));
            }
            entries.add(new RouteEntry(new NodeId(destination), metric, hops));
        }
        requireEnd(body, "RouteUpdate");
        return new RouteUpdate(entries);
    }

    @Override
    public int type() {
        return FrameType.ROUTE_UPDATE;
    }

    @Override
    public int encodedLength() {
        return 2 + entries.size() * RouteEntry.LENGTH;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeShort(entries.size());
        for (RouteEntry entry : entries) {
            out.writeInt(entry.destination().value());
            out.writeInt(entry.metricMicros());
            out.writeByte(entry.hops());
        }
    }
}
