package io.mediamesh.proto.rtp;

/**
 * Extends 16-bit RTP sequence numbers to 64 bits by counting wraps in both directions, as libwebrtc's
 * SeqNumUnwrapper and str0m's extended sequence numbers do. Each input moves the last extended value by the
 * signed wrap-aware distance ({@link SequenceNumbers#diff}), so a late packet from before a wrap maps below the
 * wrap point. The first value maps to itself; a stream that then steps backwards can yield values below zero.
 *
 * <p>Mutable primitive state, not thread-safe: one instance per stream, owned by that stream's thread.
 */
public final class SeqUnwrapper {
    private boolean started;
    private long last;

    /** The extended sequence number of {@code seq16}, updating the state. */
    public long unwrap(int seq16) {
        int value = seq16 & 0xFFFF;
        if (!started) {
            started = true;
            last = value;
            return last;
        }
        int lastValue = (int) (last & 0xFFFF);
        int delta = SequenceNumbers.isNewer(value, lastValue)
                ? (value - lastValue) & 0xFFFF
                : -((lastValue - value) & 0xFFFF);
        last += delta;
        return last;
    }

    /** The last extended value returned by {@link #unwrap}, or -1 before the first call. */
    public long last() {
        return started ? last : -1;
    }

    /** Forgets all state, for a new stream. */
    public void reset() {
        started = false;
        last = 0;
    }
}
