package io.mediamesh.overlay.wire;

import static io.mediamesh.overlay.wire.OverlayFrame.need;
import static io.mediamesh.overlay.wire.OverlayFrame.requireEnd;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;

/**
 * Feedback: subscriber wishes flowing upstream to the channel source, aggregated per {@code kind} at every relay
 * ({@code count} reports, their {@code min}, {@code max} and {@code sum}). Kinds used by the media layer:
 * {@link #KIND_DESIRED_BITRATE} (bps), {@link #KIND_KEYFRAME_REQUEST} (value ignored, count matters) and
 * {@link #KIND_NACK} (never aggregated: each goes upstream at once, see {@link #nack}).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       channel id (64 bits)                    |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     kind      |              count (32 bits) ...              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | ... count     |  min (64 bits) ... max (64 bits) ...          |
 * +-+-+-+-+-+-+-+-+                                               |
 * |             ... sum (64 bits)  (37 bytes in total)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Feedback(ChannelId channel, int kind, int count, long min, long max, long sum)
        implements OverlayFrame {
    public static final int KIND_DESIRED_BITRATE = 0;
    public static final int KIND_KEYFRAME_REQUEST = 1;
    /**
     * Lost RTP packets the subscribers' node could not repair from its own cache: value = first sequence number
     * {@code << 16} | a bitmask of the 16 following ones (RTCP generic NACK's PID and BLP, RFC 4585 §6.2.1).
     */
    public static final int KIND_NACK = 2;
    public static final int LENGTH = 37;

    public Feedback {
        if (kind < 0 || kind > 0xFF) {
            throw new IllegalArgumentException("kind must fit in a byte: " + kind);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
    }

    /** The {@link #KIND_NACK} value for {@code first} and the following lost packets in {@code bitmask}. */
    public static long nack(int first, int bitmask) {
        return (long) (first & 0xFFFF) << 16 | (bitmask & 0xFFFF);
    }

    /** @param body borrows; consumes it */
    public static Feedback decode(ByteBuf body) {
        need(body, LENGTH, "Feedback");
        long channel = body.readLong();
        int kind = body.readUnsignedByte();
        int count = body.readInt();
        long min = body.readLong();
        long max = body.readLong();
        long sum = body.readLong();
        requireEnd(body, "Feedback");
        if (count < 1 || min > max) {
            throw new MalformedPacketException("Feedback with count " + count + ", min " + min + ", max " + max);
        }
        return new Feedback(new ChannelId(channel), kind, count, min, max, sum);
    }

    @Override
    public int type() {
        return FrameType.FEEDBACK;
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeLong(channel.value());
        out.writeByte(kind);
        out.writeInt(count);
        out.writeLong(min);
        out.writeLong(max);
        out.writeLong(sum);
    }
}
