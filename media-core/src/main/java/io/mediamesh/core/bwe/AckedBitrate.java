package io.mediamesh.core.bwe;

/**
 * The throughput the receiver acknowledged: bytes of the packets it reported received, over the last
 * {@value #WINDOW_MICROS} µs of its arrival clock. Unknown (negative) until {@value #MIN_SPAN_MICROS} µs of arrivals
 * are seen. A ring of at most {@code capacity} packets; allocation-free after construction.
 */
final class AckedBitrate {
    static final long WINDOW_MICROS = 500_000;
    private static final long MIN_SPAN_MICROS = 100_000;

    private final long[] arrivals;
    private final int[] sizes;
    private int head;
    private int count;
    private long bytes;
    private long firstArrival = Long.MIN_VALUE;
    private long lastArrival = Long.MIN_VALUE;

    AckedBitrate(int capacity) {
        arrivals = new long[capacity];
        sizes = new int[capacity];
    }

    void add(long arrivalMicros, int sizeBytes) {
        if (firstArrival == Long.MIN_VALUE) {
            firstArrival = arrivalMicros;
        }
        lastArrival = Math.max(lastArrival, arrivalMicros);
        if (count == arrivals.length) {
            evictOldest();
        }
        int slot = (head + count) % arrivals.length;
        arrivals[slot] = arrivalMicros;
        sizes[slot] = sizeBytes;
        count++;
        bytes += sizeBytes;
        while (count > 0 && arrivals[head] <= lastArrival - WINDOW_MICROS) {
            evictOldest();
        }
    }

    private void evictOldest() {
        bytes -= sizes[head];
        head = (head + 1) % arrivals.length;
        count--;
    }

    /** Bits per second over the window, or -1 before enough arrivals were seen. */
    double bps() {
        if (firstArrival == Long.MIN_VALUE || lastArrival - firstArrival < MIN_SPAN_MICROS || count == 0) {
            return -1;
        }
        long span = Math.min(WINDOW_MICROS, lastArrival - firstArrival);
        if (count == arrivals.length) {
            span = Math.max(1, lastArrival - arrivals[head]);
        }
        return bytes * 8e6 / span;
    }
}
