package io.mediamesh.proto.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Rewrites RTP header extension blocks (<a href="https://www.rfc-editor.org/rfc/rfc8285#section-4">RFC 8285 §4</a>)
 * when forwarding: an SFU must drop the extensions a subscriber did not negotiate and renumber the others to the
 * ids of the subscriber's SDP. Allocates nothing.
 *
 * <pre>
 * One-byte form (0xBEDE): |  ID  | L=len-1 | data (1..16 bytes) | ... zero padding to 32 bits
 * Two-byte form (0x100X): |   ID (8)   |  length (8)  | data (0..255 bytes) | ... zero padding
 * </pre>
 */
public final class RtpHeaderExtensions {
    private RtpHeaderExtensions() {
    }

    /**
     * Writes a complete extension block (profile, length in 32-bit words, elements, zero padding) holding the
     * elements of {@code src} whose {@code idMap[id]} is not 0, renumbered to {@code idMap[id] & 0xff}, in source
     * order. The one-byte form is used when every kept element has a new id of 1..14 and 1..16 bytes of data;
     * otherwise the two-byte form with profile 0x1000. Ids beyond the end of {@code idMap} are dropped.
     *
     * @param src the packet to copy elements from; its buffer is borrowed and read only
     * @param idMap the new id for each source id, 0 to drop
     * @param out the destination; borrows, writes at its writerIndex
     * @return the number of bytes written, a multiple of 4; 0 (and nothing written) when no element is kept, in
     *     which case the caller must clear the X bit
     */
    public static int writeRemapped(RtpPacketView src, byte[] idMap, ByteBuf out) {
        int kept = 0;
        int dataBytes = 0;
        boolean oneByte = true;
        for (long e = src.firstElement(); e != RtpPacketView.NO_ELEMENT; e = src.nextElement(e)) {
            int newId = newId(idMap, RtpPacketView.elementId(e));
            if (newId == 0) {
                continue;
            }
            int length = RtpPacketView.elementLength(e);
            kept++;
            dataBytes += length;
            oneByte &= newId <= 14 && length >= 1 && length <= 16;
        }
        if (kept == 0) {
            return 0;
        }
        int elementBytes = dataBytes + kept * (oneByte ? 1 : 2);
        int paddedBytes = (elementBytes + 3) & ~3;
        int total = 4 + paddedBytes;
        out.ensureWritable(total);
        out.writeShort(oneByte ? RtpPacketView.ONE_BYTE_PROFILE : RtpPacketView.TWO_BYTE_PROFILE);
        out.writeShort(paddedBytes / 4);
        ByteBuf in = src.buffer();
        for (long e = src.firstElement(); e != RtpPacketView.NO_ELEMENT; e = src.nextElement(e)) {
            int newId = newId(idMap, RtpPacketView.elementId(e));
            if (newId == 0) {
                continue;
            }
            int length = RtpPacketView.elementLength(e);
            if (oneByte) {
                out.writeByte((newId << 4) | (length - 1));
            } else {
                out.writeByte(newId);
                out.writeByte(length);
            }
            out.writeBytes(in, RtpPacketView.elementDataOffset(e), length);
        }
        out.writeZero(paddedBytes - elementBytes);
        return total;
    }

    private static int newId(byte[] idMap, int id) {
        return id < idMap.length ? idMap[id] & 0xFF : 0;
    }
}
