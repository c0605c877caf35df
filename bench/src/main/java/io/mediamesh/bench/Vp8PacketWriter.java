package io.mediamesh.bench;

import io.netty.buffer.ByteBuf;
import java.util.SplittableRandom;

/**
 * Writes the plain RTP packets of a Chrome-like VP8 publisher: 1200 bytes each, five packets per frame at 30 frames
 * per second (about 1.4 Mbit/s, a 720p layer), every packet carrying a one-byte extension block (RFC 8285 §4.2)
 * with mid, abs-send-time and transport-wide-cc, and a VP8 payload descriptor (RFC 7741 §4.2) with a 15-bit
 * picture id, TL0PICIDX and TID, as Chrome sends them. Packet number 0 starts a keyframe, so a viewer that was just
 * attached starts forwarding from it.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |1 0|0|1|0 0 0 0|M| PT = 96     |       sequence number         |  V=2, X=1
 * |                           timestamp                           |
 * |                             SSRC                              |
 * |            0xBEDE             |          length = 3           |  one-byte extension block
 * | id=4  | L=0   |  mid "1"      | id=2  | L=2   | abs-send-time |
 * |  abs-send-time (cont.)        | id=3  | L=1   | transport-cc  |
 * |  transport-cc | 0 (padding)   | 0 (padding)   | 0 (padding)   |
 * |X|R|N|S|R| PID |I|L|T|K| RSV   |M| picture id (15 bits)        |  VP8 payload descriptor
 * |   TL0PICIDX   |TID|Y| KEYIDX  |  VP8 payload ...              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Vp8PacketWriter {
    /** Length of every plain RTP packet (header, extensions and payload), before the SRTP tag. */
    public static final int PACKET_LENGTH = 1200;
    /** RTP fixed header (12) plus the extension block (4 + 12). */
    public static final int HEADER_LENGTH = 28;
    public static final int PACKETS_PER_FRAME = 5;
    private static final int TIMESTAMP_PER_FRAME = 90000 / 30;
    private static final int DESCRIPTOR_LENGTH = 6;

    private Vp8PacketWriter() {
    }

    /**
     * Appends packet number {@code index} of the stream at {@code out}'s writerIndex. The same index always gives the
     * same bytes (the payload is pseudo-random, seeded by the index), so a test can rebuild what was sent.
     *
     * @param out borrows; gains exactly {@link #PACKET_LENGTH} readable bytes
     */
    public static void write(ByteBuf out, int index, long ssrc) {
        int frame = index / PACKETS_PER_FRAME;
        boolean firstOfFrame = index % PACKETS_PER_FRAME == 0;
        boolean lastOfFrame = index % PACKETS_PER_FRAME == PACKETS_PER_FRAME - 1;
        boolean keyframe = frame == 0;
        out.ensureWritable(PACKET_LENGTH);
        int start = out.writerIndex();

        out.writeByte(0x90);
        out.writeByte((lastOfFrame ? 0x80 : 0) | BenchMedia.PUBLISHER_VP8);
        out.writeShort(index);
        out.writeInt(frame * TIMESTAMP_PER_FRAME);
        out.writeInt((int) ssrc);

        out.writeShort(0xBEDE);
        out.writeShort(3);
        out.writeByte(BenchMedia.PUBLISHER_MID_ID << 4);
        out.writeByte('1');
        out.writeByte((BenchMedia.PUBLISHER_ABS_SEND_TIME_ID << 4) | 2);
        out.writeMedium(absSendTime(index));
        out.writeByte((BenchMedia.PUBLISHER_TRANSPORT_CC_ID << 4) | 1);
        out.writeShort(index);
        out.writeZero(3);

        int pictureId = frame & 0x7fff;
        out.writeByte(firstOfFrame ? 0x90 : 0x80);
        out.writeByte(0xE0);
        out.writeShort(0x8000 | pictureId);
        out.writeByte(frame);
        out.writeByte(0x20);
        int payload = PACKET_LENGTH - HEADER_LENGTH - DESCRIPTOR_LENGTH;
        SplittableRandom random = new SplittableRandom(index);
        for (int i = 0; i < payload; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8 && i + b < payload; b++) {
                out.writeByte((int) (value >>> (8 * b)));
            }
        }
        if (firstOfFrame) {
            // The VP8 payload header's P bit (RFC 7741 §4.3): clear on a keyframe, set on an inter frame.
            int payloadHeader = start + HEADER_LENGTH + DESCRIPTOR_LENGTH;
            int first = out.getByte(payloadHeader);
            out.setByte(payloadHeader, keyframe ? first & ~1 : first | 1);
        }
    }

    /** abs-send-time of the packet: 6.18 fixed-point seconds, 24 bits; one packet every 1/150 s. */
    private static int absSendTime(int index) {
        return (int) (((long) index << 18) / 150) & 0xffffff;
    }
}
