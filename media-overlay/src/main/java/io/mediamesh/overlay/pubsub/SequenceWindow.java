package io.mediamesh.overlay.pubsub;

/**
 * Duplicate filter over a channel's 32-bit packet sequence (wrap-around aware): the highest sequence and a
 * 64-bit bitmap below it. It lets a node that switched upstream (make-before-break) drop packets it already got
 * over the old path, while still accepting packets reordered by up to 63 positions. A jump back by more than
 * {@value #RESTART_DISTANCE} is taken as a restarted source and resets the window.
 */
final class SequenceWindow {
    static final int RESTART_DISTANCE = 1 << 20;
    private boolean empty = true;
    private int highest;
    private long seen;

    /** Forgets everything: the next sequence is accepted whatever it is. */
    void reset() {
        empty = true;
        seen = 0;
    }

    /** True, and records it, if {@code sequence} was not seen before (and is not too old). */
    boolean accept(int sequence) {
        if (empty) {
            empty = false;
            highest = sequence;
            seen = 1;
            return true;
        }
        int ahead = sequence - highest;
        if (ahead > 0) {
            seen = ahead >= 64 ? 1 : seen << ahead | 1;
            highest = sequence;
            return true;
        }
        long behind = -(long) ahead;
        if (behind > RESTART_DISTANCE) {
            highest = sequence;
            seen = 1;
            return true;
        }
        if (behind >= 64 || (seen & 1L << behind) != 0) {
            return false;
        }
        seen |= 1L << behind;
        return true;
    }
}
