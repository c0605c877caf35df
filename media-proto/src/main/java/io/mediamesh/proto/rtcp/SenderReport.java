package io.mediamesh.proto.rtcp;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * SR: Sender Report (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC 3550 §6.4.1</a>), PT 200.
 * Profile-specific extensions after the report blocks are ignored on decode.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         SSRC of sender                        |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              NTP timestamp, most significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             NTP timestamp, least significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP timestamp                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     sender's packet count                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      sender's octet count                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks (24 bytes each)                 |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * @param ntpTimestamp the full 64-bit NTP timestamp (seconds in the high word, fraction in the low word)
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reports) implements RtcpPacket {
    private static final int SENDER_INFO_LENGTH = 24;

    public SenderReport {
        checkUnsigned(ssrc, 32, "ssrc");
        checkUnsigned(rtpTimestamp, 32, "rtpTimestamp");
        checkUnsigned(packetCount, 32, "packetCount");
        checkUnsigned(octetCount, 32, "octetCount");
        reports = List.copyOf(reports);
        RtcpHeader.checkCount(reports.size(), "report blocks");
    }

    /** The middle 32 bits of the NTP timestamp, which receivers echo as LSR. */
    public long compactNtp() {
        return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
    }

    /**
     * Decodes the body (everything after the common header, without padding).
     *
     * @param body borrows; consumes it
     */
    public static SenderReport decode(int reportCount, ByteBuf body) {
        RtcpHeader.need(body, SENDER_INFO_LENGTH + ReportBlock.LENGTH * reportCount, "SR with " + reportCount
                + " report blocks");
        long ssrc = body.readUnsignedInt();
        long ntp = body.readLong();
        long rtpTimestamp = body.readUnsignedInt();
        long packetCount = body.readUnsignedInt();
        long octetCount = body.readUnsignedInt();
        List<ReportBlock> reports = new ArrayList<>(reportCount);
        for (int i = 0; i < reportCount; i++) {
            reports.add(ReportBlock.decode(body));
        }
        return new SenderReport(ssrc, ntp, rtpTimestamp, packetCount, octetCount, reports);
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + SENDER_INFO_LENGTH + ReportBlock.LENGTH * reports.size();
    }

    @Override
    public void encode(ByteBuf out) {
        RtcpHeader.write(out, reports.size(), RtcpHeader.SR, encodedLength());
        out.writeInt((int) ssrc);
        out.writeLong(ntpTimestamp);
        out.writeInt((int) rtpTimestamp);
        out.writeInt((int) packetCount);
        out.writeInt((int) octetCount);
        for (ReportBlock report : reports) {
            report.encode(out);
        }
    }
}
