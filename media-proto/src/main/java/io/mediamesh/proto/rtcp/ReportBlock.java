package io.mediamesh.proto.rtcp;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.netty.buffer.ByteBuf;

/**
 * A reception report block of an SR or RR (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC
 * 3550 §6.4.1</a>), 24 bytes.
 *
 * <pre>
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_1 (SSRC of first source)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * @param fractionLost the lost fraction since the last report, in 1/256 units (0..255)
 * @param cumulativeLost packets lost since the start, a signed 24-bit value (duplicates can make it negative)
 * @param lastSenderReport the middle 32 bits of the NTP timestamp of the last SR received
 * @param delaySinceLastSenderReport in units of 1/65536 seconds
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
    public static final int LENGTH = 24;

    public ReportBlock {
        checkUnsigned(ssrc, 32, "ssrc");
        checkUnsigned(fractionLost, 8, "fractionLost");
        if (cumulativeLost < -0x800000 || cumulativeLost > 0x7FFFFF) {
            throw new IllegalArgumentException("cumulativeLost is a signed 24-bit value: " + cumulativeLost);
        }
        checkUnsigned(extendedHighestSequence, 32, "extendedHighestSequence");
        checkUnsigned(jitter, 32, "jitter");
        checkUnsigned(lastSenderReport, 32, "lastSenderReport");
        checkUnsigned(delaySinceLastSenderReport, 32, "delaySinceLastSenderReport");
    }

    /**
     * Reads one block.
     *
     * @param in borrows; consumes 24 bytes
     */
    static ReportBlock decode(ByteBuf in) {
        long ssrc = in.readUnsignedInt();
        int lossWord = in.readInt();
        // The cumulative loss is the low 24 bits, sign-extended.
        int cumulativeLost = (lossWord << 8) >> 8;
        return new ReportBlock(ssrc, lossWord >>> 24, cumulativeLost, in.readUnsignedInt(), in.readUnsignedInt(),
                in.readUnsignedInt(), in.readUnsignedInt());
    }

    /**
     * Writes the block.
     *
     * @param out borrows
     */
    void encode(ByteBuf out) {
        out.writeInt((int) ssrc);
        out.writeInt((fractionLost << 24) | (cumulativeLost & 0xFFFFFF));
        out.writeInt((int) extendedHighestSequence);
        out.writeInt((int) jitter);
        out.writeInt((int) lastSenderReport);
        out.writeInt((int) delaySinceLastSenderReport);
    }
}
