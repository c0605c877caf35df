package io.mediamesh.core.sfu;

/**
 * The bitrate of a packet stream over the last second, in ten 100 ms slots: what a simulcast layer costs, measured
 * by the node itself (the allocator's input). Time is an argument; allocation-free; not thread-safe (the event loop
 * that owns the track writes and reads it).
 */
public final class BitrateMeter {
    private static final int SLOTS = 10;
    private static final long SLOT_MICROS = 100_000;

    private final long[] bytes = new long[SLOTS];
    private long currentSlot = Long.MIN_VALUE;

    /** Counts {@code size} bytes at {@code nowMicros}. */
    public void add(int size, long nowMicros) {
        advance(nowMicros);
        bytes[(int) Math.floorMod(currentSlot, SLOTS)] += size;
    }

    /** Bits per second over the last second (the current, partial slot included). */
    public long bitrateBps(long nowMicros) {
        advance(nowMicros);
        long total = 0;
        for (long b : bytes) {
            total += b;
        }
        return total * 8;
    }

    private void advance(long nowMicros) {
        long slot = Math.floorDiv(nowMicros, SLOT_MICROS);
        if (currentSlot == Long.MIN_VALUE || slot - currentSlot >= SLOTS) {
            java.util.Arrays.fill(bytes, 0);
        } else {
            for (long s = currentSlot + 1; s <= slot; s++) {
                bytes[(int) Math.floorMod(s, SLOTS)] = 0;
            }
        }
        if (currentSlot == Long.MIN_VALUE || slot > currentSlot) {
            currentSlot = slot;
        }
    }
}
