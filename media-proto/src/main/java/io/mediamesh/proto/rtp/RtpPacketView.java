package io.mediamesh.proto.rtp;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;

/**
 * A reusable flyweight over one RTP packet (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-5.1">RFC 3550
 * §5.1</a>) with header extensions (<a href="https://www.rfc-editor.org/rfc/rfc8285">RFC 8285</a>). Wrapping parses
 * the fixed header once into primitive fields and allocates nothing, so one instance can serve every packet of a
 * pipeline stage. Not thread-safe; the wrapped buffer is borrowed and must stay alive while the view is used.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |  (if X)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            payload ...                | padding | pad count   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>All offsets returned are absolute indices into {@link #buffer()}. The setters write the header in place, so
 * use them only on a buffer the caller owns (a rewriter stage), never on one shared with other readers.
 */
public final class RtpPacketView {
    /** The "defined by profile" value of the RFC 8285 one-byte header form. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The RFC 8285 two-byte form is 0x100 followed by 4 application bits. */
    public static final int TWO_BYTE_PROFILE = 0x1000;
    public static final int FIXED_HEADER_LENGTH = 12;

    private ByteBuf buf;
    private int start;
    private int end;
    private int csrcCount;
    private boolean padding;
    private int headerLength;
    private int paddingLength;
    private int extensionOffset = -1;
    private int extensionLength;
    private int extensionProfile = -1;

    /**
     * Points this view at the packet in {@code buf}'s readable bytes and validates its framing.
     *
     * @param buf the packet from readerIndex to writerIndex; borrows (the caller keeps ownership and must keep it
     *     alive while this view is used); its indices are not moved
     * @return this view
     * @throws MalformedPacketException if the version is not 2, or the CSRC list, the extension block or the padding
     *     does not fit in the packet; the view is then empty
     */
    public RtpPacketView wrap(ByteBuf buf) {
        this.buf = null;
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < FIXED_HEADER_LENGTH) {
            throw new MalformedPacketException("RTP packet shorter than 12 bytes: " + length);
        }
        int first = buf.getUnsignedByte(start);
        if (first >> 6 != 2) {
            throw new MalformedPacketException("RTP version " + (first >> 6) + ", expected 2");
        }
        int csrcCount = first & 0x0F;
        int headerLength = FIXED_HEADER_LENGTH + 4 * csrcCount;
        if (headerLength > length) {
            throw new MalformedPacketException("RTP packet of " + length + " bytes too short for " + csrcCount
                    + " CSRCs");
        }
        int extensionOffset = -1;
        int extensionLength = 0;
        int extensionProfile = -1;
        if ((first & 0x10) != 0) {
            if (headerLength + 4 > length) {
                throw new MalformedPacketException("RTP extension header past the end of the packet");
            }
            extensionOffset = start + headerLength;
            extensionProfile = buf.getUnsignedShort(extensionOffset);
            extensionLength = 4 + 4 * buf.getUnsignedShort(extensionOffset + 2);
            headerLength += extensionLength;
            if (headerLength > length) {
                throw new MalformedPacketException("RTP extension block of " + extensionLength
                        + " bytes past the end of the packet");
            }
        }
        boolean padding = (first & 0x20) != 0;
        int paddingLength = 0;
        if (padding) {
            paddingLength = buf.getUnsignedByte(start + length - 1);
            if (paddingLength == 0 || headerLength + paddingLength > length) {
                throw new MalformedPacketException("RTP padding length " + paddingLength + " invalid for "
                        + (length - headerLength) + " bytes after the header");
            }
        }
        this.buf = buf;
        this.start = start;
        this.end = start + length;
        this.csrcCount = csrcCount;
        this.padding = padding;
        this.headerLength = headerLength;
        this.paddingLength = paddingLength;
        this.extensionOffset = extensionOffset;
        this.extensionLength = extensionLength;
        this.extensionProfile = extensionProfile;
        return this;
    }

    /** The wrapped buffer (borrowed by this view, not retained). */
    public ByteBuf buffer() {
        return buf;
    }

    /** The absolute index of the first byte of the packet (the readerIndex at wrap time). */
    public int offset() {
        return start;
    }

    /** The whole packet length in bytes, header, payload and padding. */
    public int length() {
        return end - start;
    }

    public boolean padding() {
        return padding;
    }

    public boolean hasExtension() {
        return extensionOffset >= 0;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public boolean marker() {
        return (buf.getByte(start + 1) & 0x80) != 0;
    }

    public int payloadType() {
        return buf.getByte(start + 1) & 0x7F;
    }

    public int sequenceNumber() {
        return buf.getUnsignedShort(start + 2);
    }

    public long timestamp() {
        return buf.getUnsignedInt(start + 4);
    }

    public long ssrc() {
        return buf.getUnsignedInt(start + 8);
    }

    /** The {@code i}-th contributing source, 0-based. */
    public long csrc(int i) {
        if (i < 0 || i >= csrcCount) {
            throw new IndexOutOfBoundsException("CSRC " + i + " of " + csrcCount);
        }
        return buf.getUnsignedInt(start + FIXED_HEADER_LENGTH + 4 * i);
    }

    /** 12 bytes, plus the CSRCs, plus the whole extension block including its 4-byte header. */
    public int headerLength() {
        return headerLength;
    }

    /** The absolute index of the first payload byte. */
    public int payloadOffset() {
        return start + headerLength;
    }

    /** The payload length without the padding. */
    public int payloadLength() {
        return end - start - headerLength - paddingLength;
    }

    /** The number of padding bytes including the final count byte; 0 without the P bit. */
    public int paddingLength() {
        return paddingLength;
    }

    /**
     * The 16-bit "defined by profile" field: {@value #ONE_BYTE_PROFILE} for one-byte elements, 0x100X for two-byte
     * elements, anything else for an opaque extension; -1 without an extension.
     */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** The absolute index of the 4-byte extension header, or -1 without an extension. */
    public int extensionBlockOffset() {
        return extensionOffset;
    }

    /** The extension block length in bytes including its 4-byte header; 0 without an extension. */
    public int extensionBlockLength() {
        return extensionLength;
    }

    /** Whether the extension block holds RFC 8285 one-byte elements. */
    public boolean isOneByteExtension() {
        return extensionProfile == ONE_BYTE_PROFILE;
    }

    /** Whether the extension block holds RFC 8285 two-byte elements. */
    public boolean isTwoByteExtension() {
        return (extensionProfile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /** The absolute index of the data of the first element with {@code id}, or -1 if there is none. */
    public int findExtension(int id) {
        for (long e = firstElement(); e != NO_ELEMENT; e = nextElement(e)) {
            if (elementId(e) == id) {
                return elementDataOffset(e);
            }
        }
        return -1;
    }

    /** The data length of the first element with {@code id}, or -1 if there is none. */
    public int extensionLength(int id) {
        for (long e = firstElement(); e != NO_ELEMENT; e = nextElement(e)) {
            if (elementId(e) == id) {
                return elementLength(e);
            }
        }
        return -1;
    }

    /**
     * Calls {@code visitor} for each RFC 8285 element in wire order. Padding bytes (id 0) are skipped; in the
     * one-byte form, id 15 ends the list. An element that would run past the block also ends the list, so a
     * damaged block yields its valid prefix. Opaque (non RFC 8285) extensions have no elements.
     */
    public void forEachExtension(ExtensionVisitor visitor) {
        for (long e = firstElement(); e != NO_ELEMENT; e = nextElement(e)) {
            visitor.onExtension(elementId(e), elementDataOffset(e), elementLength(e));
        }
    }

    /** Receives one header extension element; offsets are absolute indices into {@link #buffer()}. */
    @FunctionalInterface
    public interface ExtensionVisitor {
        void onExtension(int id, int dataOffset, int length);
    }

    /** Writes the 16-bit sequence number in place. */
    public void setSequenceNumber(int sequenceNumber) {
        buf.setShort(start + 2, sequenceNumber);
    }

    /** Writes the 32-bit timestamp in place. */
    public void setTimestamp(long timestamp) {
        buf.setInt(start + 4, (int) timestamp);
    }

    /** Writes the SSRC in place. */
    public void setSsrc(long ssrc) {
        buf.setInt(start + 8, (int) ssrc);
    }

    /** Writes the 7-bit payload type in place, keeping the marker bit. */
    public void setPayloadType(int payloadType) {
        int second = buf.getByte(start + 1) & 0x80;
        buf.setByte(start + 1, second | (payloadType & 0x7F));
    }

    /** Writes the marker bit in place, keeping the payload type. */
    public void setMarker(boolean marker) {
        int second = buf.getByte(start + 1) & 0x7F;
        buf.setByte(start + 1, marker ? second | 0x80 : second);
    }

    // Elements are iterated through a packed long (data offset, id, length) so that iteration allocates nothing.

    static final long NO_ELEMENT = -1L;

    static int elementDataOffset(long element) {
        return (int) (element >>> 32);
    }

    static int elementId(long element) {
        return (int) (element >>> 16) & 0xFF;
    }

    static int elementLength(long element) {
        return (int) element & 0xFFFF;
    }

    /** The first element of the extension block, or {@link #NO_ELEMENT}. */
    long firstElement() {
        if (!isOneByteExtension() && !isTwoByteExtension()) {
            return NO_ELEMENT;
        }
        return elementAt(extensionOffset + 4);
    }

    /** The element after {@code element}, or {@link #NO_ELEMENT}. */
    long nextElement(long element) {
        return elementAt(elementDataOffset(element) + elementLength(element));
    }

    private long elementAt(int position) {
        int blockEnd = extensionOffset + extensionLength;
        boolean oneByte = isOneByteExtension();
        int pos = position;
        while (pos < blockEnd) {
            int first = buf.getUnsignedByte(pos);
            if (first == 0) {
                pos++;
                continue;
            }
            int id;
            int length;
            int dataOffset;
            if (oneByte) {
                id = first >> 4;
                if (id == 15) {
                    return NO_ELEMENT;
                }
                length = (first & 0x0F) + 1;
                dataOffset = pos + 1;
            } else {
                if (pos + 2 > blockEnd) {
                    return NO_ELEMENT;
                }
                id = first;
                length = buf.getUnsignedByte(pos + 1);
                dataOffset = pos + 2;
            }
            if (dataOffset + length > blockEnd) {
                return NO_ELEMENT;
            }
            return ((long) dataOffset << 32) | ((long) id << 16) | length;
        }
        return NO_ELEMENT;
    }
}
