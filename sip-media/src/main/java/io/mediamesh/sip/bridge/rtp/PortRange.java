package io.mediamesh.sip.bridge.rtp;

import java.util.BitSet;

/**
 * The even RTP ports of a range (each with its RTCP port, the next odd one), handed out round robin so a port just
 * released is not reused at once (late packets of the old call). Thread-safe.
 */
final class PortRange {
    private final int first;
    private final int pairs;
    private final BitSet inUse;
    private int cursor;

    PortRange(int min, int max) {
        this.first = min;
        this.pairs = (max - min + 1) / 2;
        this.inUse = new BitSet(pairs);
    }

    /** The number of RTP/RTCP pairs in the range. */
    int pairs() {
        return pairs;
    }

    /** Reserves the next free even port, or returns -1 when all are in use. */
    synchronized int reserve() {
        for (int i = 0; i < pairs; i++) {
            int pair = (cursor + i) % pairs;
            if (!inUse.get(pair)) {
                inUse.set(pair);
                cursor = (pair + 1) % pairs;
                return first + 2 * pair;
            }
        }
        return -1;
    }

    /** Gives a reserved port back. */
    synchronized void release(int port) {
        inUse.clear((port - first) / 2);
    }

    /** How many ports are reserved now. */
    synchronized int reserved() {
        return inUse.cardinality();
    }
}
