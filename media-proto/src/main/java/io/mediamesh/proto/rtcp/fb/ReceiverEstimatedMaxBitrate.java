package io.mediamesh.proto.rtcp.fb;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.rtcp.RtcpFeedback;
import io.mediamesh.proto.rtcp.RtcpHeader;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * REMB: Receiver Estimated Maximum Bitrate
 * (<a href="https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb-03#section-2.2">
 * draft-alvestrand-rmcat-remb §2.2</a>), an application-layer feedback message, PT 206 FMT 15, identified by the
 * ASCII "REMB" after the header. The media source SSRC field is always 0.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=15  |   PT=206      |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source (0)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   SSRC feedback (repeated Num SSRC times)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The bitrate is mantissa * 2^exp bits per second. Encoding picks the smallest exponent whose 18-bit mantissa holds
 * the value, rounding down, so a bitrate above 2^18 may lose its low bits.
 */
public record ReceiverEstimatedMaxBitrate(long senderSsrc, long bitrateBps, List<Long> ssrcs)
        implements RtcpFeedback {
    public static final int FMT = 15;
    /** "REMB" in ASCII. */
    public static final int IDENTIFIER = 0x52454D42;
    private static final int MAX_MANTISSA = 0x3FFFF;

    public ReceiverEstimatedMaxBitrate {
        checkUnsigned(senderSsrc, 32, "senderSsrc");
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("bitrate must not be negative: " + bitrateBps);
        }
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > 255) {
            throw new IllegalArgumentException("at most 255 SSRCs in a REMB: " + ssrcs.size());
        }
        for (long ssrc : ssrcs) {
            checkUnsigned(ssrc, 32, "ssrc");
        }
    }

    /**
     * Whether an application-layer feedback body (after the common header) is a REMB.
     *
     * @param body borrows; does not move its indices
     */
    public static boolean isRemb(ByteBuf body) {
        return body.readableBytes() >= 12 && body.getInt(body.readerIndex() + 8) == IDENTIFIER;
    }

    /**
     * Decodes the body (everything after the common header, without padding).
     *
     * @param body borrows; consumes it
     */
    public static ReceiverEstimatedMaxBitrate decode(ByteBuf body) {
        RtcpHeader.need(body, 16, "REMB");
        long senderSsrc = body.readUnsignedInt();
        body.skipBytes(4);
        if (body.readInt() != IDENTIFIER) {
            throw new MalformedPacketException("application-layer feedback without the REMB identifier");
        }
        int word = body.readInt();
        int count = word >>> 24;
        int exponent = (word >>> 18) & 0x3F;
        long mantissa = word & MAX_MANTISSA;
        long bitrate = mantissa << exponent;
        if (bitrate >> exponent != mantissa) {
            throw new MalformedPacketException("REMB bitrate " + mantissa + " * 2^" + exponent + " overflows");
        }
        RtcpHeader.need(body, 4 * count, "REMB with " + count + " SSRCs");
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(body.readUnsignedInt());
        }
        return new ReceiverEstimatedMaxBitrate(senderSsrc, bitrate, ssrcs);
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + 16 + 4 * ssrcs.size();
    }

    @Override
    public void encode(ByteBuf out) {
        int exponent = 0;
        while ((bitrateBps >>> exponent) > MAX_MANTISSA) {
            exponent++;
        }
        RtcpHeader.write(out, FMT, RtcpHeader.PSFB, encodedLength());
        out.writeInt((int) senderSsrc);
        out.writeInt(0);
        out.writeInt(IDENTIFIER);
        out.writeByte(ssrcs.size());
        out.writeMedium((exponent << 18) | (int) (bitrateBps >>> exponent));
        for (long ssrc : ssrcs) {
            out.writeInt((int) ssrc);
        }
    }
}
