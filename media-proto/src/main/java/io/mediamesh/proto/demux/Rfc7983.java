package io.mediamesh.proto.demux;

import io.netty.buffer.ByteBuf;

/**
 * Demultiplexes a datagram received on a bundled 5-tuple, by
 * <a href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</a> (first byte ranges) and
 * <a href="https://www.rfc-editor.org/rfc/rfc5761#section-4">RFC 5761 §4</a> (RTP versus RTCP by the second byte).
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--&gt; STUN
 *                  |      [20..63] -+--&gt; DTLS
 *                  |    [128..191] -+--&gt; RTP / RTCP (second byte &amp; 0x7f in 64..95 means RTCP)
 *                  +----------------+
 * </pre>
 *
 * ZRTP (16..19) and TURN channels (64..79) are not used by this server and classify as {@link PacketClass#UNKNOWN}.
 */
public final class Rfc7983 {
    /** The smallest RTP header; shorter datagrams in the RTP range are not RTP or RTCP. */
    private static final int MIN_RTP_RTCP_LENGTH = 8;
    /** A STUN header is 20 bytes. */
    private static final int STUN_HEADER_LENGTH = 20;
    /** A DTLS record header is 13 bytes. */
    private static final int DTLS_HEADER_LENGTH = 13;

    private Rfc7983() {
    }

    /**
     * Classifies the datagram starting at {@code buf.readerIndex()}. Never throws and never moves any index.
     *
     * @param buf the datagram; borrows
     */
    public static PacketClass classify(ByteBuf buf) {
        int readable = buf.readableBytes();
        if (readable < 1) {
            return PacketClass.UNKNOWN;
        }
        int start = buf.readerIndex();
        int first = buf.getUnsignedByte(start);
        if (first <= 3) {
            return readable >= STUN_HEADER_LENGTH ? PacketClass.STUN : PacketClass.UNKNOWN;
        }
        if (first >= 20 && first <= 63) {
            return readable >= DTLS_HEADER_LENGTH ? PacketClass.DTLS : PacketClass.UNKNOWN;
        }
        if (first >= 128 && first <= 191) {
            if (readable < MIN_RTP_RTCP_LENGTH) {
                return PacketClass.UNKNOWN;
            }
            int type = buf.getUnsignedByte(start + 1) & 0x7f;
            return type >= 64 && type <= 95 ? PacketClass.RTCP : PacketClass.RTP;
        }
        return PacketClass.UNKNOWN;
    }
}
