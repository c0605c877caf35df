package io.mediamesh.node.cluster;

import io.mediamesh.model.cluster.ConnectionId;
import java.security.SecureRandom;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Makes this node's WHIP/WHEP resource ids, {@code whip-<node id hex8>-<32 hex random>} (format: {@link
 * ConnectionId}), so any gateway can route PATCH and DELETE to this node from the id alone. The 128 random bits
 * remain the capability that authorises PATCH and DELETE. Thread-safe.
 */
public final class ConnectionIds {

    private final int nodeId;
    private final RandomGenerator random;

    public ConnectionIds(int nodeId) {
        this(nodeId, new SecureRandom());
    }

    /** @param random must be cryptographically strong outside tests */
    public ConnectionIds(int nodeId, RandomGenerator random) {
        this.nodeId = nodeId;
        this.random = random;
    }

    /**
     * A new id.
     *
     * @param family {@code whip}, {@code whep}, {@code send} or {@code recv}
     */
    public String next(String family) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return ConnectionId.of(family, nodeId, bytes).toString();
    }

    /** The node that made {@code id}, or empty when it is not an id of this format. */
    public static OptionalInt nodeOf(String id) {
        return ConnectionId.parse(id).map(c -> OptionalInt.of(c.nodeId())).orElse(OptionalInt.empty());
    }

    public int nodeId() {
        return nodeId;
    }
}
