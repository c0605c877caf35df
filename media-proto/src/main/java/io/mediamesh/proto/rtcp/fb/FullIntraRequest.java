package io.mediamesh.proto.rtcp.fb;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.mediamesh.proto.rtcp.RtcpFeedback;
import io.mediamesh.proto.rtcp.RtcpHeader;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * FIR: Full Intra Request (<a href="https://www.rfc-editor.org/rfc/rfc5104#section-4.3.1">RFC 5104 §4.3.1</a>),
 * PT 206 FMT 4. The media source SSRC field is unused (written 0, ignored on decode); the targets are the entries.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=4  |    PT=206     |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source (unused, 0)             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |  FCI entry,
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  repeated
 * | Seq nr.       |    Reserved                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record FullIntraRequest(long senderSsrc, List<FirEntry> entries) implements RtcpFeedback {
    public static final int FMT = 4;

    public FullIntraRequest {
        checkUnsigned(senderSsrc, 32, "senderSsrc");
        entries = List.copyOf(entries);
    }

    /**
     * Decodes the body (everything after the common header, without padding).
     *
     * @param body borrows; consumes it
     */
    public static FullIntraRequest decode(ByteBuf body) {
        RtcpHeader.need(body, 8, "FIR");
        long senderSsrc = body.readUnsignedInt();
        body.skipBytes(4);
        List<FirEntry> entries = new ArrayList<>(body.readableBytes() / 8);
        while (body.readableBytes() >= 8) {
            long ssrc = body.readUnsignedInt();
            int sequenceNumber = body.readUnsignedByte();
            body.skipBytes(3);
            entries.add(new FirEntry(ssrc, sequenceNumber));
        }
        return new FullIntraRequest(senderSsrc, entries);
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + 8 + 8 * entries.size();
    }

    @Override
    public void encode(ByteBuf out) {
        RtcpHeader.write(out, FMT, RtcpHeader.PSFB, encodedLength());
        out.writeInt((int) senderSsrc);
        out.writeInt(0);
        for (FirEntry entry : entries) {
            out.writeInt((int) entry.ssrc());
            out.writeInt(entry.sequenceNumber() << 24);
        }
    }
}
