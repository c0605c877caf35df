package io.mediamesh.model.cluster;

import java.util.HexFormat;
import java.util.Optional;

/**
 * A WHIP/WHEP resource id that names its media node, so any gateway can route PATCH and DELETE on
 * {@code /whip/conn/{id}} to the node that holds the session without a lookup:
 *
 * <pre>
 *   whip-0000012a-3f9c0d...(32 hex)
 *   ^    ^        ^
 *   |    |        +-- 128 random bits: the capability, unguessable
 *   |    +----------- node id, 8 hex digits (zone << 8 | index)
 *   +---------------- family: whip or whep, or send / recv for the two peer connections of an SDK session
 * </pre>
 *
 * @param family   {@code whip}, {@code whep}, {@code send} or {@code recv}, lower case
 * @param nodeId   the media node holding the session
 * @param random   32 lower-case hex digits
 */
public record ConnectionId(String family, int nodeId, String random) {

    private static final java.util.List<String> FAMILIES = java.util.List.of("whip", "whep", "send", "recv");
    private static final int NODE_HEX = 8;
    private static final int RANDOM_HEX = 32;

    public ConnectionId {
        if (!FAMILIES.contains(family)) {
            throw new IllegalArgumentException("family must be one of " + FAMILIES + ", was " + family);
        }
        if (random == null || random.length() != RANDOM_HEX || !isLowerHex(random)) {
            throw new IllegalArgumentException("random must be " + RANDOM_HEX + " lower-case hex digits");
        }
    }

    /** A new id with 16 random bytes. */
    public static ConnectionId of(String family, int nodeId, byte[] random16) {
        if (random16.length != RANDOM_HEX / 2) {
            throw new IllegalArgumentException("need 16 random bytes, got " + random16.length);
        }
        return new ConnectionId(family, nodeId, HexFormat.of().formatHex(random16));
    }

    /** Parses an id of this format; empty for anything else (older ids, typos, other families). */
    public static Optional<ConnectionId> parse(String id) {
        if (id == null || id.length() != 4 + 1 + NODE_HEX + 1 + RANDOM_HEX
                || id.charAt(4) != '-' || id.charAt(5 + NODE_HEX) != '-') {
            return Optional.empty();
        }
        String family = id.substring(0, 4);
        String node = id.substring(5, 5 + NODE_HEX);
        String random = id.substring(6 + NODE_HEX);
        if (!("whip".equals(family) || "whep".equals(family)) || !isLowerHex(node) || !isLowerHex(random)) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionId(family, Integer.parseUnsignedInt(node, 16), random));
    }

    /** The id as it appears in URLs. */
    @Override
    public String toString() {
        return family + "-" + NodeIds.hex(nodeId) + "-" + random;
    }

    private static boolean isLowerHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
