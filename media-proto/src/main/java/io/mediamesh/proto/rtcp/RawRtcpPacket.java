package io.mediamesh.proto.rtcp;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Any RTCP packet this library does not interpret (for example XR, PT 207, or TMMBR, PT 205 FMT 3), kept as its
 * header fields and raw body so that it can be counted, logged or forwarded unchanged.
 *
 * @param body the bytes after the 4-byte header, without padding; when not a whole number of words, encoding adds
 *     RFC 3550 padding (P bit and a count byte)
 */
public record RawRtcpPacket(int packetType, int countOrFormat, byte[] body) implements RtcpPacket {

    public RawRtcpPacket {
        checkUnsigned(packetType, 8, "packetType");
        checkUnsigned(countOrFormat, 5, "countOrFormat");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * Copies the body (everything after the common header, without padding).
     *
     * @param body borrows; consumes it
     */
    public static RawRtcpPacket decode(int packetType, int countOrFormat, ByteBuf body) {
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        return new RawRtcpPacket(packetType, countOrFormat, bytes);
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + ((body.length + 3) & ~3);
    }

    @Override
    public void encode(ByteBuf out) {
        int length = encodedLength();
        int padding = length - RtcpHeader.LENGTH - body.length;
        RtcpHeader.write(out, countOrFormat, packetType, length, padding > 0);
        out.writeBytes(body);
        if (padding > 0) {
            out.writeZero(padding - 1);
            out.writeByte(padding);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRtcpPacket other && packetType == other.packetType
                && countOrFormat == other.countOrFormat && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packetType, countOrFormat, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RawRtcpPacket[packetType=" + packetType + ", countOrFormat=" + countOrFormat + ", body="
                + HexFormat.of().formatHex(body) + "]";
    }
}
