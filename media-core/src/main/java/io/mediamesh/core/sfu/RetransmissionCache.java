package io.mediamesh.core.sfu;

import io.netty.buffer.ByteBuf;

/**
 * The last {@code capacity} packets of one published stream, by RTP sequence number, so that a receiver's NACK
 * (RFC 4585 §6.2.1) is answered by the SFU instead of travelling to the publisher. A ring indexed by
 * {@code seq & mask}; a slot is overwritten by the packet 'capacity' sequence numbers later.
 *
 * <p>Owned by the publisher's event loop. {@link #put} takes a reference of its own to the packet
 * ({@code retainedDuplicate}), so the caller keeps its own reference and releases it as usual.
 */
public final class RetransmissionCache {
    private final ByteBuf[] packets;
    private final int[] sequenceNumbers;
    private final int mask;

    public RetransmissionCache(int capacity) {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a positive power of two: " + capacity);
        }
        this.packets = new ByteBuf[capacity];
        this.sequenceNumbers = new int[capacity];
        this.mask = capacity - 1;
    }

    /** Stores a decrypted RTP packet (borrows {@code packet}; keeps its own reference). */
    public void put(int sequenceNumber, ByteBuf packet) {
        int slot = sequenceNumber & mask;
        ByteBuf old = packets[slot];
        if (old != null) {
            old.release();
        }
        packets[slot] = packet.retainedDuplicate();
        sequenceNumbers[slot] = sequenceNumber;
    }

    /** The cached packet, borrowed (valid until the next put or clear), or null if it was never stored or is gone. */
    public ByteBuf get(int sequenceNumber) {
        int slot = sequenceNumber & mask;
        ByteBuf packet = packets[slot];
        return packet != null && sequenceNumbers[slot] == sequenceNumber ? packet : null;
    }

    public boolean contains(int sequenceNumber) {
        return get(sequenceNumber) != null;
    }

    /** Releases every cached packet. */
    public void clear() {
        for (int i = 0; i < packets.length; i++) {
            if (packets[i] != null) {
                packets[i].release();
                packets[i] = null;
            }
        }
    }

    public int capacity() {
        return packets.length;
    }
}
