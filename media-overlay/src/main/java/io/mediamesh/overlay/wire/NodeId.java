package io.mediamesh.overlay.wire;

/**
 * Identity of a media node in the overlay: a zone id in the upper 24 bits and a node index in the lower 8 bits,
 * the layout atm0s-media-server uses ({@code zone << 8 | index}). The value 0 ({@code z0-n0}) is reserved as
 * "no node" so that primitive next-hop lookups can return 0 for "no route" without boxing.
 */
public record NodeId(int value) {
    /** The reserved "no node" value returned by primitive lookups. */
    public static final int NONE = 0;

    public NodeId {
        if (value == NONE) {
            throw new IllegalArgumentException("node id 0 (z0-n0) is reserved");
        }
    }

    /** Builds the id of node {@code index} (0..255) in zone {@code zone} (0..2^24-1). */
    public static NodeId of(int zone, int index) {
        if (zone < 0 || zone > 0xFF_FFFF) {
            throw new IllegalArgumentException("zone must fit in 24 bits: " + zone);
        }
        if (index < 0 || index > 0xFF) {
            throw new IllegalArgumentException("node index must fit in 8 bits: " + index);
        }
        return new NodeId(zone << 8 | index);
    }

    public int zone() {
        return value >>> 8;
    }

    public int index() {
        return value & 0xFF;
    }

    @Override
    public String toString() {
        return "z" + zone() + "-n" + index();
    }
}
