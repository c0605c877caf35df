package io.mediamesh.proto.rtcp.fb;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.mediamesh.proto.rtcp.RtcpFeedback;
import io.mediamesh.proto.rtcp.RtcpHeader;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic NACK (<a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1">RFC 4585 §6.2.1</a>), PT 205
 * FMT 1: the RTP sequence numbers a receiver is missing.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |    PT=205     |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |  repeated
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Bit i of BLP (least significant first) reports PID + i + 1 lost. Encoding packs the list in its order: each
 * number joins the current PID/BLP pair when it is 1..16 after that PID, else it starts a new pair. A list sorted
 * in wrap-aware ascending order without duplicates therefore decodes back to itself.
 */
public record TransportLayerNack(long senderSsrc, long mediaSsrc, List<Integer> lostSequenceNumbers)
        implements RtcpFeedback {
    public static final int FMT = 1;

    public TransportLayerNack {
        checkUnsigned(senderSsrc, 32, "senderSsrc");
        checkUnsigned(mediaSsrc, 32, "mediaSsrc");
        lostSequenceNumbers = List.copyOf(lostSequenceNumbers);
        for (int seq : lostSequenceNumbers) {
            checkUnsigned(seq, 16, "sequence number");
        }
    }

    /**
     * Decodes the body (everything after the common header, without padding), expanding each PID/BLP pair.
     *
     * @param body borrows; consumes it
     */
    public static TransportLayerNack decode(ByteBuf body) {
        RtcpHeader.need(body, 8, "NACK");
        long senderSsrc = body.readUnsignedInt();
        long mediaSsrc = body.readUnsignedInt();
        List<Integer> lost = new ArrayList<>();
        while (body.readableBytes() >= 4) {
            int pid = body.readUnsignedShort();
            int blp = body.readUnsignedShort();
            lost.add(pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    lost.add((pid + bit + 1) & 0xFFFF);
                }
            }
        }
        return new TransportLayerNack(senderSsrc, mediaSsrc, lost);
    }

    /** The number of PID/BLP pairs the lost list packs into. */
    private int pairCount() {
        int pairs = 0;
        int pid = -1;
        for (int seq : lostSequenceNumbers) {
            int offset = (seq - pid) & 0xFFFF;
            if (pid < 0 || offset < 1 || offset > 16) {
                pairs++;
                pid = seq;
            }
        }
        return pairs;
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + 8 + 4 * pairCount();
    }

    @Override
    public void encode(ByteBuf out) {
        RtcpHeader.write(out, FMT, RtcpHeader.RTPFB, encodedLength());
        out.writeInt((int) senderSsrc);
        out.writeInt((int) mediaSsrc);
        int pid = -1;
        int blp = 0;
        for (int seq : lostSequenceNumbers) {
            int offset = (seq - pid) & 0xFFFF;
            if (pid >= 0 && offset >= 1 && offset <= 16) {
                blp |= 1 << (offset - 1);
                continue;
            }
            if (pid >= 0) {
                out.writeShort(pid);
                out.writeShort(blp);
            }
            pid = seq;
            blp = 0;
        }
        if (pid >= 0) {
            out.writeShort(pid);
            out.writeShort(blp);
        }
    }
}
