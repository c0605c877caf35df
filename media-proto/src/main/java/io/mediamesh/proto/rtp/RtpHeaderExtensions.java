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
        return writeRemapped(src, idMap, out, 0, 0);
    }

    /**
     * Like {@link #writeRemapped(RtpPacketView, byte[], ByteBuf)}, with one more element of 2 bytes appended: the
     * transport-wide sequence number a sender adds to every packet it sends. {@code src} may carry no extension.
     *
     * @param extraId the appended element's id (1..14 keeps the one-byte form possible; 0: append nothing)
     * @param extraValue its 16-bit value, big-endian
     */
    public static int writeRemapped(RtpPacketView src, byte[] idMap, ByteBuf out, int extraId, int extraValue) {
        int kept = 0;
        int dataBytes = 0;
        boolean oneByte = true;
        boolean fromSource = src.hasExtension();
        if (fromSource) {
            for (long e = src.firstElement(); e != RtpPacketView.NO_ELEMENT; e = src.nextElement(e)) {
                int newId = newId(idMap, RtpPacketView.elementId(e));
                if (newId == 0 || newId == extraId) {
                    continue;
                }
                int length = RtpPacketView.elementLength(e);
                kept++;
                dataBytes += length;
                oneByte &= newId <= 14 && length >= 1 && length <= 16;
            }
        }
        if (extraId > 0) {
            kept++;
            dataBytes += 2;
            oneByte &= extraId <= 14;
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
        if (fromSource) {
            ByteBuf in = src.buffer();
            for (long e = src.firstElement(); e != RtpPacketView.NO_ELEMENT; e = src.nextElement(e)) {
                int newId = newId(idMap, RtpPacketView.elementId(e));
                if (newId == 0 || newId == extraId) {
                    continue;
                }
                int length = RtpPacketView.elementLength(e);
                writeElementHeader(out, oneByte, newId, length);
                out.writeBytes(in, RtpPacketView.elementDataOffset(e), length);
            }
        }
        if (extraId > 0) {
            writeElementHeader(out, oneByte, extraId, 2);
            out.writeShort(extraValue);
        }
        out.writeZero(paddedBytes - elementBytes);
        return total;
    }

    private static void writeElementHeader(ByteBuf out, boolean oneByte, int id, int length) {
        if (oneByte) {
            out.writeByte((id << 4) | (length - 1));
        } else {
            out.writeByte(id);
            out.writeByte(length);
        }
    }

    private static int newId(byte[] idMap, int id) {
        return id < idMap.length ? idMap[id] & 0xFF : 0;
    }
}
