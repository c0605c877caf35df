package io.mediamesh.core.srtp;

import java.util.function.Consumer;

/**
 * A small open-addressing hash map from a 32-bit SSRC to a per-stream context, with linear probing.
 *
 * <p>It exists because {@code HashMap<Long, V>} boxes the key on every lookup, and SRTP looks a context up for
 * every packet. Keys are stored as {@code long} so that {@code -1} can mark an empty slot while every unsigned
 * 32-bit SSRC remains a legal key. Entries are never removed individually: a session's streams live as long as
 * the session. Not thread-safe.
 *
 * @param <V> the context type
 */
final class SsrcContextMap<V> {
    private static final long EMPTY = -1L;

    private long[] keys;
    private Object[] values;
    private int size;
    private final int maxSize;

    /**
     * @param maxSize the most entries the map accepts; {@link #put} refuses more, which bounds the memory a peer
     *     can make us spend by inventing SSRCs
     */
    SsrcContextMap(int maxSize) {
        this.maxSize = maxSize;
        this.keys = newKeys(16);
        this.values = new Object[16];
    }

    /** Returns the context for {@code ssrc}, or null. Allocates nothing. */
    @SuppressWarnings("unchecked")
    V get(int ssrc) {
        long key = ssrc & 0xFFFFFFFFL;
        long[] k = keys;
        int mask = k.length - 1;
        for (int i = slot(ssrc, mask); ; i = (i + 1) & mask) {
            long found = k[i];
            if (found == key) {
                return (V) values[i];
            }
            if (found == EMPTY) {
                return null;
            }
        }
    }

    /**
     * Inserts a context for an SSRC that is not yet present.
     *
     * @return false when the map is full (the context is not stored)
     */
    boolean put(int ssrc, V value) {
        if (size >= maxSize) {
            return false;
        }
        if ((size + 1) * 2 > keys.length) {
            resize(keys.length * 2);
        }
        insert(keys, values, ssrc, value);
        size++;
        return true;
    }

    int size() {
        return size;
    }

    /** Visits every stored context, e.g. to close it. */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept((V) values[i]);
            }
        }
    }

    void clear() {
        keys = newKeys(16);
        values = new Object[16];
        size = 0;
    }

    private void resize(int capacity) {
        long[] newKeys = newKeys(capacity);
        Object[] newValues = new Object[capacity];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                insert(newKeys, newValues, (int) keys[i], values[i]);
            }
        }
        keys = newKeys;
        values = newValues;
    }

    private static void insert(long[] k, Object[] v, int ssrc, Object value) {
        int mask = k.length - 1;
        int i = slot(ssrc, mask);
        while (k[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        k[i] = ssrc & 0xFFFFFFFFL;
        v[i] = value;
    }

    /** Fibonacci hashing spreads sequential or low-entropy SSRCs across the table. */
    private static int slot(int ssrc, int mask) {
        return (ssrc * 0x9E3779B9 >>> 16) & mask;
    }

    private static long[] newKeys(int capacity) {
        long[] k = new long[capacity];
        java.util.Arrays.fill(k, EMPTY);
        return k;
    }
}
