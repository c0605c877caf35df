package io.mediamesh.model.cluster;

/**
 * The node id layout shared with atm0s: {@code zone << 8 | index}, a zone of 24 bits and an index of 8 bits inside
 * the zone, so the zone of any node can be read from its id alone. Ids print as 8 lower-case hex digits.
 */
public final class NodeIds {

    /** Zones are 24-bit numbers. */
    public static final int MAX_ZONE = (1 << 24) - 1;

    /** At most 256 nodes per zone. */
    public static final int MAX_INDEX = 255;

    private NodeIds() {
    }

    /** The id of node {@code index} of {@code zone}. */
    public static int of(int zone, int index) {
        if (zone < 0 || zone > MAX_ZONE) {
            throw new IllegalArgumentException("zone must be between 0 and " + MAX_ZONE + ", was " + zone);
        }
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("node index must be between 0 and " + MAX_INDEX + ", was " + index);
        }
        return zone << 8 | index;
    }

    /** The zone encoded in a node id. */
    public static int zone(int nodeId) {
        return nodeId >>> 8;
    }

    /** The index inside its zone encoded in a node id. */
    public static int index(int nodeId) {
        return nodeId & 0xff;
    }

    /** The id as exactly 8 lower-case hex digits, the form used in connection ids and logs. */
    public static String hex(int nodeId) {
        return String.format("%08x", nodeId);
    }
}
