package io.mediamesh.core.sdp;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable two-way map between RTP header-extension URIs and the ids (1..255, RFC 8285 §5)
 * negotiated for one m-line. Publisher and subscriber may use different ids for the same URI, so the
 * forwarder rewrites ids with the table from {@link #remapTo(ExtensionIds)}.
 */
public final class ExtensionIds {

    private static final ExtensionIds EMPTY = new ExtensionIds(Map.of());

    private final Map<String, Integer> idByUri;
    private final String[] uriById = new String[256];

    private ExtensionIds(Map<String, Integer> idByUri) {
        this.idByUri = Collections.unmodifiableMap(new TreeMap<>(idByUri));
        for (Map.Entry<String, Integer> e : idByUri.entrySet()) {
            int id = e.getValue();
            if (id < 1 || id > 255) {
                throw new IllegalArgumentException("extension id outside 1..255: " + id + " for " + e.getKey());
            }
            if (uriById[id] != null) {
                throw new IllegalArgumentException("extension id " + id + " used for both " + uriById[id]
                        + " and " + e.getKey());
            }
            uriById[id] = Objects.requireNonNull(e.getKey());
        }
    }

    /** The mapping uri → id; ids must be distinct and in 1..255. */
    public static ExtensionIds of(Map<String, Integer> idByUri) {
        return idByUri.isEmpty() ? EMPTY : new ExtensionIds(idByUri);
    }

    public static ExtensionIds empty() {
        return EMPTY;
    }

    /** The id negotiated for {@code uri}, or -1. */
    public int id(String uri) {
        Integer id = idByUri.get(uri);
        return id == null ? -1 : id;
    }

    /** The URI negotiated for {@code id}, or null. */
    public String uri(int id) {
        return id >= 0 && id < 256 ? uriById[id] : null;
    }

    /** An unmodifiable view uri → id, sorted by URI. */
    public Map<String, Integer> asMap() {
        return idByUri;
    }

    public boolean isEmpty() {
        return idByUri.isEmpty();
    }

    /**
     * A 256-entry table for rewriting extension ids from this m-line's numbering to {@code target}'s:
     * {@code table[thisId]} is the target id of the same URI (read it with {@code & 0xFF}), or 0 when
     * the target did not negotiate that URI, meaning "drop the element". Allocate it once per
     * publisher/subscriber pair, not per packet.
     */
    public byte[] remapTo(ExtensionIds target) {
        byte[] table = new byte[256];
        for (Map.Entry<String, Integer> e : idByUri.entrySet()) {
            int targetId = target.id(e.getKey());
            if (targetId > 0) {
                table[e.getValue()] = (byte) targetId;
            }
        }
        return table;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionIds other && idByUri.equals(other.idByUri);
    }

    @Override
    public int hashCode() {
        return idByUri.hashCode();
    }

    @Override
    public String toString() {
        return "ExtensionIds" + idByUri;
    }
}
