package io.mediamesh.proto.rtcp.fb;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.mediamesh.proto.rtcp.RtcpFeedback;
import io.mediamesh.proto.rtcp.RtcpHeader;
import io.netty.buffer.ByteBuf;

/**
 * PLI: Picture Loss Indication (<a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.3.1">RFC 4585
 * §6.3.1</a>), PT 206 FMT 1, without FCI. A subscriber asks the sender of {@code mediaSsrc} for a keyframe.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |    PT=206     |          length=2             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) implements RtcpFeedback {
    public static final int FMT = 1;
    private static final int LENGTH = 12;

    public PictureLossIndication {
        checkUnsigned(senderSsrc, 32, "senderSsrc");
        checkUnsigned(mediaSsrc, 32, "mediaSsrc");
    }

    /**
     * Decodes the body (everything after the common header, without padding).
     *
     * @param body borrows; consumes it
     */
    public static PictureLossIndication decode(ByteBuf body) {
        RtcpHeader.need(body, 8, "PLI");
        return new PictureLossIndication(body.readUnsignedInt(), body.readUnsignedInt());
    }

    @Override
    public int encodedLength() {
        return LENGTH;
    }

    @Override
    public void encode(ByteBuf out) {
        RtcpHeader.write(out, FMT, RtcpHeader.PSFB, LENGTH);
        out.writeInt((int) senderSsrc);
        out.writeInt((int) mediaSsrc);
    }
}
