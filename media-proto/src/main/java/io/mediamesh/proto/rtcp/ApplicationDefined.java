package io.mediamesh.proto.rtcp;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * APP: Application-Defined (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.7">RFC 3550 §6.7</a>),
 * PT 204.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| subtype |   PT=APP=204  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          name (ASCII)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   application-dependent data ...              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param name exactly 4 ASCII characters
 * @param data a multiple of 4 bytes
 */
public record ApplicationDefined(int subtype, long ssrc, String name, byte[] data) implements RtcpPacket {

    public ApplicationDefined {
        checkUnsigned(subtype, 5, "subtype");
        checkUnsigned(ssrc, 32, "ssrc");
        Objects.requireNonNull(name, "name");
        if (name.length() != 4 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("APP name must be 4 ASCII characters: " + name);
        }
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("APP data must be a multiple of 4 bytes: " + data.length);
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * Decodes the body (everything after the common header, without padding).
     *
     * @param body borrows; consumes it
     */
    public static ApplicationDefined decode(int subtype, ByteBuf body) {
        RtcpHeader.need(body, 8, "APP");
        long ssrc = body.readUnsignedInt();
        String name = body.readCharSequence(4, StandardCharsets.ISO_8859_1).toString();
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new MalformedPacketException("APP name is not ASCII");
        }
        // A padded APP packet can leave a body that is not a whole number of words; the spare bytes are dropped.
        byte[] data = new byte[body.readableBytes() & ~3];
        body.readBytes(data);
        return new ApplicationDefined(subtype, ssrc, name, data);
    }

    @Override
    public int encodedLength() {
        return RtcpHeader.LENGTH + 8 + data.length;
    }

    @Override
    public void encode(ByteBuf out) {
        RtcpHeader.write(out, subtype, RtcpHeader.APP, encodedLength());
        out.writeInt((int) ssrc);
        out.writeCharSequence(name, StandardCharsets.US_ASCII);
        out.writeBytes(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApplicationDefined other && subtype == other.subtype && ssrc == other.ssrc
                && name.equals(other.name) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subtype, ssrc, name, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "ApplicationDefined[subtype=" + subtype + ", ssrc=" + ssrc + ", name=" + name + ", data="
                + HexFormat.of().formatHex(data) + "]";
    }
}
