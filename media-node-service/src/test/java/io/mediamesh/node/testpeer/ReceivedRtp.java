package io.mediamesh.node.testpeer;

/**
 * One decrypted RTP packet a test peer received.
 *
 * @param payload the payload without header, extensions and padding (for RTX it starts with the OSN)
 * @param extensions the raw one-byte extension elements as (id, value) pairs, keyed by id; empty when none
 */
public record ReceivedRtp(long ssrc, int payloadType, int sequenceNumber, long timestamp, boolean marker,
        byte[] payload, java.util.Map<Integer, byte[]> extensions) {

    /** For an RTX packet (RFC 4588 §4): the original sequence number, the first two payload bytes. */
    public int originalSequenceNumber() {
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    /** For an RTX packet: the original payload after the OSN. */
    public byte[] originalPayload() {
        return java.util.Arrays.copyOfRange(payload, 2, payload.length);
    }
}
