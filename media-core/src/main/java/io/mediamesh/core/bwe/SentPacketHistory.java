package io.mediamesh.core.bwe;

/**
 * What was sent under each transport-wide sequence number, for matching feedback: a ring of the last
 * {@code capacity} packets indexed by the unwrapped sequence number. Allocation-free after construction.
 */
final class SentPacketHistory {
    private final int mask;
    private final long[] sequence;
    private final long[] sendMicros;
    private final int[] sizes;
    private final boolean[] acked;
    private long highest = -1;

    /** @param capacity a power of two; packets older than that many sequence numbers are forgotten */
    SentPacketHistory(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        mask = capacity - 1;
        sequence = new long[capacity];
        sendMicros = new long[capacity];
        sizes = new int[capacity];
        acked = new boolean[capacity];
        java.util.Arrays.fill(sequence, -1);
    }

    /** Unwraps a 16-bit sequence number against the highest one sent. */
    long unwrap(int seq16) {
        if (highest < 0) {
            return seq16;
        }
        long candidate = (highest & ~0xFFFFL) | seq16;
        if (candidate - highest > 0x8000) {
            candidate -= 0x10000;
        } else if (highest - candidate > 0x8000) {
            candidate += 0x10000;
        }
        return candidate;
    }

    void add(int seq16, int sizeBytes, long nowMicros) {
        long seq = unwrap(seq16);
        if (seq < 0) {
            return;
        }
        int slot = (int) (seq & mask);
        sequence[slot] = seq;
        sendMicros[slot] = nowMicros;
        sizes[slot] = sizeBytes;
        acked[slot] = false;
        highest = Math.max(highest, seq);
    }

    /** The slot of this unwrapped sequence number, or -1 when it was never sent or is forgotten. */
    int slot(long seq) {
        if (seq < 0) {
            return -1;
        }
        int slot = (int) (seq & mask);
        return sequence[slot] == seq ? slot : -1;
    }

    long sendMicros(int slot) {
        return sendMicros[slot];
    }

    int size(int slot) {
        return sizes[slot];
    }

    /** Marks the packet as reported received; returns whether it was already. */
    boolean markAcked(int slot) {
        boolean was = acked[slot];
        acked[slot] = true;
        return was;
    }
}
