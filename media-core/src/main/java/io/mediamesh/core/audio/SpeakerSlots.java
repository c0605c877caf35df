package io.mediamesh.core.audio;

import java.util.Arrays;
import java.util.List;

/**
 * Which speaker each of a receiver's N audio slots carries in the top-N audio mode (atm0s's audio mixer without
 * decoding: mix-minus, the receiver never gets its own voice). Given the room's ranking, the top N speakers other than
 * the receiver each get a slot: one already in a slot keeps it (no needless switch of the slot's source), the others
 * take an empty slot, else the slot of a speaker that fell out of the top N. A slot whose speaker stopped speaking
 * keeps it until another speaker needs the slot, so a pause does not cut the slot. Sans-IO; one owner thread.
 *
 * <p>Not wired to a receiver yet: the node-side slot streams (one {@code OutgoingStream} per slot, switched with
 * continuous sequence numbers and timestamps) are the next step.
 */
public final class SpeakerSlots {
    private final String self;
    private final String[] slots;

    /**
     * @param count how many slots, at least 1
     * @param self  the receiving peer, never put in a slot
     */
    public SpeakerSlots(int count, String self) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one slot");
        }
        this.self = self;
        this.slots = new String[count];
    }

    /**
     * Applies a ranking (dominant first).
     *
     * @return true when a slot changed speaker
     */
    public boolean apply(List<String> ranking) {
        String[] wanted = new String[slots.length];
        int n = 0;
        for (String peer : ranking) {
            if (n == wanted.length) {
                break;
            }
            if (!peer.equals(self) && Arrays.asList(wanted).indexOf(peer) < 0) {
                wanted[n++] = peer;
            }
        }
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            String peer = wanted[i];
            if (indexOf(peer) >= 0) {
                continue;
            }
            int slot = indexOf(null);
            if (slot < 0) {
                slot = firstNotIn(wanted, n);
            }
            slots[slot] = peer;
            changed = true;
        }
        return changed;
    }

    private int indexOf(String peer) {
        for (int i = 0; i < slots.length; i++) {
            if (peer == null ? slots[i] == null : peer.equals(slots[i])) {
                return i;
            }
        }
        return -1;
    }

    /** A slot whose speaker is not among the first {@code n} wanted; one exists when a wanted speaker has no slot. */
    private int firstNotIn(String[] wanted, int n) {
        for (int i = 0; i < slots.length; i++) {
            boolean keep = false;
            for (int j = 0; j < n && !keep; j++) {
                keep = wanted[j].equals(slots[i]);
            }
            if (!keep) {
                return i;
            }
        }
        throw new IllegalStateException("no slot to give");
    }

    /** The speaker slot {@code slot} carries, or null while it carries nobody yet. */
    public String source(int slot) {
        return slots[slot];
    }

    public int count() {
        return slots.length;
    }
}
