package io.mediamesh.overlay.wire;

/**
 * Anti-replay window over one sender's frame counters, in the style of
 * <a href="https://www.rfc-editor.org/rfc/rfc4303#section-3.4.3">RFC 4303 §3.4.3</a>: the highest authenticated
 * counter plus a 64-bit bitmap of the counters just below it. Counters more than 63 below the highest are
 * rejected as too old. Check before decrypting (cheap), accept only after authentication succeeded.
 */
public final class ReplayWindow {
    public static final int SIZE = 64;
    private boolean empty = true;
    private long highest;
    private long seen;

    /** True if {@code counter} is new: above the highest seen, or inside the window and not seen yet. */
    public boolean mayAccept(long counter) {
        if (empty || counter > highest) {
            return true;
        }
        long behind = highest - counter;
        return behind < SIZE && (seen & 1L << behind) == 0;
    }

    /** Records an authenticated {@code counter} (which passed {@link #mayAccept}). */
    public void accept(long counter) {
        if (empty) {
            empty = false;
            highest = counter;
            seen = 1;
        } else if (counter > highest) {
            long shift = counter - highest;
            seen = shift >= SIZE ? 1 : seen << shift | 1;
            highest = counter;
        } else {
            seen |= 1L << (highest - counter);
        }
    }

    public long highest() {
        return highest;
    }
}
