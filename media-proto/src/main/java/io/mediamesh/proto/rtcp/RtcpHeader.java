package io.mediamesh.proto.rtcp;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;

/**
 * The common RTCP header (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC 3550 §6.4.1</a>)
 * and the field checks shared by the packet records.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| RC/FMT  |      PT       |  length (32-bit words - 1)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class RtcpHeader {
    public static final int LENGTH = 4;
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585 §6.2). */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.3). */
    public static final int PSFB = 206;

    private RtcpHeader() {
    }

    /**
     * Writes a header for a packet of {@code packetLength} bytes (header included, a multiple of 4).
     *
     * @param out the destination; borrows
     */
    public static void write(ByteBuf out, int countOrFormat, int packetType, int packetLength, boolean padding) {
        if (countOrFormat < 0 || countOrFormat > 31) {
            throw new IllegalArgumentException("RTCP count/format is 5 bits: " + countOrFormat);
        }
        if ((packetLength & 3) != 0 || packetLength < LENGTH || packetLength > 4 * 65536) {
            throw new IllegalArgumentException("RTCP packet length must be a multiple of 4: " + packetLength);
        }
        out.writeByte(0x80 | (padding ? 0x20 : 0) | countOrFormat);
        out.writeByte(packetType);
        out.writeShort(packetLength / 4 - 1);
    }

    /** Same as {@link #write(ByteBuf, int, int, int, boolean)} without padding. */
    public static void write(ByteBuf out, int countOrFormat, int packetType, int packetLength) {
        write(out, countOrFormat, packetType, packetLength, false);
    }

    /** Throws {@link IllegalArgumentException} unless {@code value} fits in {@code bits} unsigned bits. */
    public static long checkUnsigned(long value, int bits, String name) {
        if (value < 0 || (bits < 64 && value >>> bits != 0)) {
            throw new IllegalArgumentException(name + " is an unsigned " + bits + "-bit value: " + value);
        }
        return value;
    }

    /** Throws {@link IllegalArgumentException} if a list for a 5-bit count field is too long. */
    public static void checkCount(int count, String name) {
        if (count > 31) {
            throw new IllegalArgumentException("at most 31 " + name + " fit in one RTCP packet: " + count);
        }
    }

    /**
     * Throws {@link MalformedPacketException} unless {@code body} has at least {@code needed} readable bytes.
     *
     * @param body borrows
     */
    public static void need(ByteBuf body, int needed, String what) {
        if (body.readableBytes() < needed) {
            throw new MalformedPacketException(what + " needs " + needed + " bytes, has " + body.readableBytes());
        }
    }
}
