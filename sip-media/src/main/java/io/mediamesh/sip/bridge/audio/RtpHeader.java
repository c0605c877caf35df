package io.mediamesh.sip.bridge.audio;

/**
 * The fixed RTP header of RFC 3550 §5.1, parsed in place from a datagram into this reusable object: version, padding,
 * CSRC list and header extension are checked so that the payload bounds are right, and anything inconsistent is
 * reported as a {@link Verdict} instead of an exception (malformed input is counted and dropped, never a bug).
 *
 * <p>One instance per stream, reused for every packet: parsing allocates nothing. Not thread-safe.
 */
public final class RtpHeader {
    /** The fixed header length. */
    public static final int FIXED_LENGTH = 12;

    /** What {@link #parse} made of a datagram. */
    public enum Verdict {
        /** An RTP packet; the fields and payload bounds are valid. */
        RTP,
        /** An RTCP packet on the RTP port (RFC 5761 payload types 64..95 with the marker bit): not media. */
        RTCP,
        /** Shorter than its header, CSRC list, extension or padding say. */
        TOO_SHORT,
        /** Not version 2. */
        BAD_VERSION,
        /** A padding count of zero or larger than the payload. */
        BAD_PADDING
    }

    private boolean marker;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private int payloadOffset;
    private int payloadLength;
    private int extensionOffset;
    private int extensionLength;

    /** Parses the {@code length} bytes of {@code data} from {@code offset}; the fields are valid for {@link Verdict#RTP}. */
    public Verdict parse(byte[] data, int offset, int length) {
        if (length < FIXED_LENGTH || offset < 0 || offset + length > data.length) {
            return Verdict.TOO_SHORT;
        }
        int first = data[offset] & 0xFF;
        if (first >> 6 != 2) {
            return Verdict.BAD_VERSION;
        }
        int second = data[offset + 1] & 0xFF;
        if (second >= 192 && second <= 223) {
            return Verdict.RTCP; // 200 SR .. 223 with the top bit read as a marker: RFC 5761 §4
        }
        marker = (second & 0x80) != 0;
        payloadType = second & 0x7F;
        sequence = (data[offset + 2] & 0xFF) << 8 | data[offset + 3] & 0xFF;
        timestamp = readUnsignedInt(data, offset + 4);
        ssrc = readUnsignedInt(data, offset + 8);
        int position = FIXED_LENGTH + 4 * (first & 0x0F);
        extensionOffset = -1;
        extensionLength = 0;
        if ((first & 0x10) != 0) {
            if (length < position + 4) {
                return Verdict.TOO_SHORT;
            }
            int words = (data[offset + position + 2] & 0xFF) << 8 | data[offset + position + 3] & 0xFF;
            extensionOffset = offset + position;
            extensionLength = 4 + 4 * words;
            position += 4 + 4 * words;
        }
        if (length < position) {
            return Verdict.TOO_SHORT;
        }
        int end = length;
        if ((first & 0x20) != 0) {
            int padding = data[offset + length - 1] & 0xFF;
            if (padding == 0 || padding > length - position) {
                return Verdict.BAD_PADDING;
            }
            end -= padding;
        }
        payloadOffset = offset + position;
        payloadLength = end - position;
        return Verdict.RTP;
    }

    /**
     * Writes a fixed header (version 2, no padding, extension or CSRC) into {@code out} at {@code offset}; returns
     * {@value #FIXED_LENGTH}.
     */
    public static int write(byte[] out, int offset, boolean marker, int payloadType, int sequence, long timestamp,
            long ssrc) {
        out[offset] = (byte) 0x80;
        out[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType & 0x7F);
        out[offset + 2] = (byte) (sequence >> 8);
        out[offset + 3] = (byte) sequence;
        writeInt(out, offset + 4, timestamp);
        writeInt(out, offset + 8, ssrc);
        return FIXED_LENGTH;
    }

    static long readUnsignedInt(byte[] data, int at) {
        return ((long) (data[at] & 0xFF) << 24) | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8
                | data[at + 3] & 0xFF;
    }

    static void writeInt(byte[] out, int at, long value) {
        out[at] = (byte) (value >> 24);
        out[at + 1] = (byte) (value >> 16);
        out[at + 2] = (byte) (value >> 8);
        out[at + 3] = (byte) value;
    }

    /**
     * The first byte of the RFC 8285 one-byte header extension element {@code id} of the packet just parsed from
     * {@code data}, or -1 when the packet has no such element (or a two-byte extension block).
     */
    public int oneByteElement(byte[] data, int id) {
        if (extensionOffset < 0 || (data[extensionOffset] & 0xFF) != 0xBE || (data[extensionOffset + 1] & 0xFF) != 0xDE) {
            return -1;
        }
        int at = extensionOffset + 4;
        int end = extensionOffset + extensionLength;
        while (at < end) {
            int head = data[at] & 0xFF;
            if (head == 0) {
                at++; // padding
                continue;
            }
            int elementId = head >> 4;
            int elementLength = (head & 0x0F) + 1;
            if (elementId == 15 || at + 1 + elementLength > end) {
                return -1;
            }
            if (elementId == id) {
                return data[at + 1] & 0xFF;
            }
            at += 1 + elementLength;
        }
        return -1;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The 16-bit sequence number. */
    public int sequence() {
        return sequence;
    }

    /** The 32-bit timestamp, unsigned. */
    public long timestamp() {
        return timestamp;
    }

    /** The 32-bit SSRC, unsigned. */
    public long ssrc() {
        return ssrc;
    }

    /** Where the payload starts in the parsed array (after CSRCs and extension). */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** The payload length, padding excluded. */
    public int payloadLength() {
        return payloadLength;
    }
}
