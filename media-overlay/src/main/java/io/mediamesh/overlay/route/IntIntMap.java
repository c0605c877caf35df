package io.mediamesh.overlay.route;

import java.util.Arrays;

/**
 * Open-addressing {@code int -> int} map (linear probing, power-of-two capacity, load factor 0.5) for the
 * next-hop lookup on the per-packet path: no boxing, no allocation on {@link #get}. Removal uses backward-shift
 * deletion, so there are no tombstones. Not thread-safe.
 */
final class IntIntMap {
    private int[] keys = new int[16];
    private int[] values = new int[16];
    private boolean[] used = new boolean[16];
    private int size;

    int get(int key, int missing) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return missing;
    }

    void put(int key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
    }

    void remove(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (used[i] && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (!used[i]) {
            return;
        }
        used[i] = false;
        size--;
        // Shift later entries of the same probe run back so that lookups never stop at the hole.
        for (int j = (i + 1) & mask; used[j]; j = (j + 1) & mask) {
            int home = mix(keys[j]) & mask;
            boolean between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!between) {
                keys[i] = keys[j];
                values[i] = values[j];
                used[i] = true;
                used[j] = false;
                i = j;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    void clear() {
        Arrays.fill(used, false);
        size = 0;
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
