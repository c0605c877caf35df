package io.mediamesh.proto.rtcp;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * BYE: Goodbye (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.6">RFC 3550 §6.6</a>), PT 203.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |   PT=BYE=203  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                              ...                              :
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     length    |               reason for leaving ... (opt)     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param reason the optional UTF-8 reason (at most 255 bytes), or null
 */
public record Goodbye(List<Long> ssrcs, String reason) implements RtcpPacket {

    public Goodbye {
        ssrcs = List.copyOf(ssrcs);
        RtcpHeader.checkCount(ssrcs.size(), "BYE sources");
        for (long ssrc : ssrcs) {
            checkUnsigned(ssrc, 32, "ssrc");
        }
        if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("BYE reason longer than 255 bytes");
        }
    }

    /**
     * Decodes the body (everything after the common header, without padding). Trailing bytes after the reason
     * are its zero padding.
     *
     * @param body borrows; consumes it
     */
    public static Goodbye decode(int sourceCount, ByteBuf body) {
        RtcpHeader.need(body, 4 * sourceCount, "BYE with " + sourceCount + " sources");
        List<Long> ssrcs = new ArrayList<>(sourceCount);
        for (int i = 0; i < sourceCount; i++) {
            ssrcs.add(body.readUnsignedInt());
        }
        String reason = null;
        if (body.isReadable()) {
            int length = body.readUnsignedByte();
            RtcpHeader.need(body, length, "BYE reason");
            reason = body.readCharSequence(length, StandardCharsets.UTF_8).toString();
        }
        return new Goodbye(ssrcs, reason);
    }

    private int reasonLength() {
        return reason == null ? 0 : reason.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public int encodedLength() {
        int reasonBytes = reason == null ? 0 : (1 + reasonLength() + 3) & ~3;
        return RtcpHeader.LENGTH + 4 * ssrcs.size() + reasonBytes;
    }

    @Override
    public void encode(ByteBuf out) {
        int start = out.writerIndex();
        int length = encodedLength();
        RtcpHeader.write(out, ssrcs.size(), RtcpHeader.BYE, length);
        for (long ssrc : ssrcs) {
            out.writeInt((int) ssrc);
        }
        if (reason != null) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            out.writeByte(text.length);
            out.writeBytes(text);
            out.writeZero(length - (out.writerIndex() - start));
        }
    }
}
