package io.mediamesh.core.sfu;

/**
 * The bitrate of one track per (spatial, temporal) layer, as the packets' payload descriptors label them (VP8 TID;
 * VP9 SID and TID), and when each spatial layer was last seen: the allocator's input for the layers of one stream
 * (VP8 temporal layers, VP9 SVC). Indexes above {@value #MAX_INDEX} count as {@value #MAX_INDEX}.
 *
 * <p>A receiver of layer (s, t) gets every packet of spatial layers 0..s and temporal layers 0..t (the forwarding
 * keeps the lower spatial layers, which a key picture's upper layers are predicted from), so
 * {@link #bitrateBps(int, int, long)} sums those. Time is an argument; allocation-free; not thread-safe (the event
 * loop that owns the track writes and reads it).
 */
public final class LayerMeters {
    /** The highest spatial and temporal index measured on its own. */
    public static final int MAX_INDEX = 2;
    private static final int SIZE = MAX_INDEX + 1;

    private final BitrateMeter[] meters = new BitrateMeter[SIZE * SIZE];
    private final long[] lastSeenMicros = new long[SIZE];
    private int highestSpatial = -1;
    private int highestTemporal = -1;

    public LayerMeters() {
        for (int i = 0; i < meters.length; i++) {
            meters[i] = new BitrateMeter();
        }
        java.util.Arrays.fill(lastSeenMicros, Long.MIN_VALUE);
    }

    /** Counts {@code bytes} of layer ({@code spatial}, {@code temporal}) at {@code nowMicros}. */
    public void add(int spatial, int temporal, int bytes, long nowMicros) {
        int s = clamp(spatial);
        int t = clamp(temporal);
        meters[s * SIZE + t].add(bytes, nowMicros);
        lastSeenMicros[s] = nowMicros;
        highestSpatial = Math.max(highestSpatial, s);
        highestTemporal = Math.max(highestTemporal, t);
    }

    /** What a receiver of layer ({@code spatial}, {@code temporal}) gets: spatial 0..s times temporal 0..t. */
    public long bitrateBps(int spatial, int temporal, long nowMicros) {
        long sum = 0;
        for (int s = 0; s <= clamp(spatial); s++) {
            for (int t = 0; t <= clamp(temporal); t++) {
                sum += meters[s * SIZE + t].bitrateBps(nowMicros);
            }
        }
        return sum;
    }

    /** Whether a packet of spatial layer {@code spatial} arrived within {@code windowMicros} of {@code nowMicros}. */
    public boolean spatialSeenWithin(int spatial, long nowMicros, long windowMicros) {
        long last = lastSeenMicros[clamp(spatial)];
        return last != Long.MIN_VALUE && nowMicros - last <= windowMicros;
    }

    /** The highest spatial index seen so far, -1 before the first packet. */
    public int highestSpatial() {
        return highestSpatial;
    }

    /** The highest temporal index seen so far, -1 before the first packet. */
    public int highestTemporal() {
        return highestTemporal;
    }

    private static int clamp(int index) {
        return Math.max(0, Math.min(MAX_INDEX, index));
    }
}
