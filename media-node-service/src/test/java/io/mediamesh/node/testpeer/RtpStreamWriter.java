package io.mediamesh.node.testpeer;

import java.nio.ByteBuffer;

/**
 * Writes the plain RTP packets (RFC 3550 §5.1) of one outgoing stream: its SSRC and payload type, sequence numbers
 * counting up from a random start, and a one-byte header extension block (RFC 8285 §4.2) with the mid and
 * abs-send-time elements Chromium sends.
 *
 * <pre>
 *  0                   1                   2                   3
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |                             SSRC                              |
 * |      0xBE     |      0xDE     |           length=2            |
 * | id=mid| len=0 |    mid char   |id=ast | len=2 |  abs-send-time ...
 * |   ... 24 bits |   padding 0   |                payload ...
 * </pre>
 *
 * <p>Thread-safe: a test and a pump may share a writer.
 */
public final class RtpStreamWriter {
    private final long ssrc;
    private final int payloadType;
    private final byte mid;
    private final int midExtensionId;
    private final int absSendTimeExtensionId;
    private int sequence;
    private long timestamp;

    /**
     * @param mid the one-character mid of the m-line the stream belongs to
     * @param firstSequence the sequence number of the first packet
     */
    public RtpStreamWriter(long ssrc, int payloadType, char mid, int midExtensionId, int absSendTimeExtensionId,
            int firstSequence, long firstTimestamp) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.mid = (byte) mid;
        this.midExtensionId = midExtensionId;
        this.absSendTimeExtensionId = absSendTimeExtensionId;
        this.sequence = firstSequence & 0xffff;
        this.timestamp = firstTimestamp & 0xffffffffL;
    }

    /** The next packet of the stream at the current timestamp; consumes one sequence number. */
    public synchronized byte[] next(byte[] payload, boolean marker) {
        ByteBuffer out = ByteBuffer.allocate(12 + 12 + payload.length);
        out.put((byte) 0x90);
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequence);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
        out.putShort((short) 0xBEDE);
        out.putShort((short) 2);
        out.put((byte) (midExtensionId << 4));
        out.put(mid);
        out.put((byte) (absSendTimeExtensionId << 4 | 2));
        long absSendTime = (System.nanoTime() / 1000 * 262_144 / 1_000_000) & 0xffffff;
        out.put((byte) (absSendTime >> 16));
        out.put((byte) (absSendTime >> 8));
        out.put((byte) absSendTime);
        out.putShort((short) 0);
        out.put(payload);
        sequence = (sequence + 1) & 0xffff;
        return out.array();
    }

    /** Moves the timestamp on, e.g. by 3000 ticks for the next 30 fps video frame. */
    public synchronized void advanceTimestamp(long ticks) {
        timestamp = (timestamp + ticks) & 0xffffffffL;
    }

    /** The sequence number the next packet will carry. */
    public synchronized int nextSequence() {
        return sequence;
    }

    /** The timestamp the next packet will carry. */
    public synchronized long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    public int payloadType() {
        return payloadType;
    }
}
