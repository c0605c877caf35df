package io.mediamesh.proto.rtcp;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * RR: Receiver Report (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.2">RFC 3550 §6.4.2</a>), PT 201.
 * Profile-specific extensions after the report blocks are ignored on decode.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=RR=201   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks (24 bytes each)                 |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

    public ReceiverReport {
        checkUnsigned(ssrc, 32, "ssrc");
        reports = List.copyOf(reports);
        RtcpHeader.checkCount(reports.size(), "report blocks");
    }

    /**
     * Decodes the body (everything after the common header, without padding).
     *
     * @param body borrows; consumes it
     */
    public static ReceiverReport decode(int reportCount, ByteBuf body) {
        RtcpHeader.need(body, 4 + ReportBlock.LENGTH * reportCount, "RR with " + reportCount + " report blocks");
        long ssrc = body.readUnsignedInt();
        List<ReportBlock> reports = new ArrayList<>(reportCount);
        for (int i = 0; i < reportCount; i++) {
            reports.add(ReportBlock.decode(body));
        }
        return new ReceiverReport(ssrc, reports);
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + 4 + ReportBlock.LENGTH * reports.size();
    }

    @Override
    public void encode(ByteBuf out) {
        RtcpHeader.write(out, reports.size(), RtcpHeader.RR, encodedLength());
        out.writeInt((int) ssrc);
        for (ReportBlock report : reports) {
            report.encode(out);
        }
    }
}
