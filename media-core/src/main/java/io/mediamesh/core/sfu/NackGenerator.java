package io.mediamesh.core.sfu;

/**
 * Asks a publisher for the packets that did not arrive (RFC 4585 generic NACK), once for all of a track's receivers:
 * a gap in the sequence numbers is asked for at once, then again every {@value #RETRY_MICROS} µs up to
 * {@value #MAX_RETRIES} times, and given up after {@value #MAX_AGE_MICROS} µs (a keyframe request is the remedy then).
 * A packet that arrives, late or retransmitted, is no longer asked for. A jump of more than {@value #MAX_GAP}
 * numbers (a new stream, a restart) forgets everything instead of asking for it.
 *
 * <p>Sans-IO (time is an argument), allocation-free, not thread-safe: the track's event loop owns it.
 */
public final class NackGenerator {
    static final int MAX_GAP = 512;
    static final int MAX_MISSING = 256;
    static final int MAX_RETRIES = 10;
    static final long RETRY_MICROS = 100_000;
    static final long MAX_AGE_MICROS = 1_000_000;

    private final long[] missing = new long[MAX_MISSING];
    private final long[] firstMissedMicros = new long[MAX_MISSING];
    private final long[] lastAskedMicros = new long[MAX_MISSING];
    private final int[] retries = new int[MAX_MISSING];
    private int count;
    private long highest = -1;
    private long given;

    /**
     * Records an arriving packet.
     *
     * @return whether it revealed new missing packets (the caller may ask for them at once)
     */
    public boolean onPacket(int sequence16, long nowMicros) {
        long sequence = unwrap(sequence16 & 0xFFFF);
        if (highest < 0) {
            highest = sequence;
            return false;
        }
        if (sequence <= highest) {
            remove(sequence);
            return false;
        }
        long gap = sequence - highest - 1;
        if (gap > MAX_GAP) {
            count = 0;
            highest = sequence;
            return false;
        }
        for (long s = highest + 1; s < sequence; s++) {
            if (count == MAX_MISSING) {
                drop(0);
                given++;
            }
            missing[count] = s;
            firstMissedMicros[count] = nowMicros;
            lastAskedMicros[count] = Long.MIN_VALUE;
            retries[count] = 0;
            count++;
        }
        highest = sequence;
        return gap > 0;
    }

    /**
     * The sequence numbers (16-bit) to ask for now, written into {@code out}; returns how many.
     */
    public int collect(long nowMicros, int[] out) {
        int n = 0;
        for (int i = 0; i < count && n < out.length; ) {
            if (retries[i] >= MAX_RETRIES || nowMicros - firstMissedMicros[i] > MAX_AGE_MICROS) {
                drop(i);
                given++;
                continue;
            }
            if (lastAskedMicros[i] == Long.MIN_VALUE || nowMicros - lastAskedMicros[i] >= RETRY_MICROS) {
                lastAskedMicros[i] = nowMicros;
                retries[i]++;
                out[n++] = (int) (missing[i] & 0xFFFF);
            }
            i++;
        }
        return n;
    }

    /** Packets still asked for. */
    public int missingCount() {
        return count;
    }

    /** Packets given up on (too old, asked too often, or pushed out by newer gaps). */
    public long givenUp() {
        return given;
    }

    private long unwrap(int sequence) {
        if (highest < 0) {
            return sequence;
        }
        long candidate = (highest & ~0xFFFFL) | sequence;
        if (candidate - highest > 0x8000) {
            candidate -= 0x10000;
        } else if (highest - candidate > 0x8000) {
            candidate += 0x10000;
        }
        return candidate;
    }

    private void remove(long sequence) {
        for (int i = 0; i < count; i++) {
            if (missing[i] == sequence) {
                drop(i);
                return;
            }
        }
    }

    /** Removes entry {@code i}, keeping the others in order (oldest first). */
    private void drop(int i) {
        int tail = count - i - 1;
        if (tail > 0) {
            System.arraycopy(missing, i + 1, missing, i, tail);
            System.arraycopy(firstMissedMicros, i + 1, firstMissedMicros, i, tail);
            System.arraycopy(lastAskedMicros, i + 1, lastAskedMicros, i, tail);
            System.arraycopy(retries, i + 1, retries, i, tail);
        }
        count--;
    }
}
