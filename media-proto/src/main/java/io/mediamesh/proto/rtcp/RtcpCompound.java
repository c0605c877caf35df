package io.mediamesh.proto.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Writes a compound RTCP packet (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1">RFC 3550 §6.1</a>):
 * the packets back to back, in the order given. Ordering rules (SR or RR first, SDES with a CNAME) are the
 * caller's policy, since RFC 5506 reduced-size RTCP relaxes them.
 */
public final class RtcpCompound {
    private RtcpCompound() {
    }

    /** The total number of bytes {@link #encode} writes. */
    public static int encodedLength(List<? extends RtcpPacket> packets) {
        int length = 0;
        for (RtcpPacket packet : packets) {
            length += packet.encodedLength();
        }
        return length;
    }

    /**
     * Writes all packets at {@code out.writerIndex()}.
     *
     * @param out the destination; borrows
     */
    public static void encode(List<? extends RtcpPacket> packets, ByteBuf out) {
        out.ensureWritable(encodedLength(packets));
        for (RtcpPacket packet : packets) {
            packet.encode(out);
        }
    }
}
