package io.mediamesh.gateway.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far other zones are from this gateway's zone, to pick the nearest zone that can serve when the own zone
 * cannot. Static and simple: a configured distance per zone ({@code mediamesh.gateway.zone-distances}, e.g.
 * {@code "2=10,3=40"}), and {@code |own - zone|} for every zone not listed, so numbering zones along a line (or
 * listing them all) is enough. Configured distances are at least 1: the own zone (distance 0) always comes first. Only the order of distances matters; the unit is up to the operator (e.g. RTT in ms).
 * Immutable and thread-safe.
 */
public final class ZoneDistances {

    /** No configured distance: every zone is {@code |own - zone|} away. */
    public static final ZoneDistances ABSOLUTE_DIFFERENCE = new ZoneDistances(Map.of());

    private final Map<Integer, Integer> configured;

    private ZoneDistances(Map<Integer, Integer> configured) {
        this.configured = Map.copyOf(configured);
    }

    /**
     * Parses {@code zone=distance} pairs separated by commas; null or blank is {@link #ABSOLUTE_DIFFERENCE}.
     *
     * @throws IllegalArgumentException for a malformed pair, a zone outside 0..2^24-1, a distance below 1 or a zone
     *                                  listed twice
     */
    public static ZoneDistances parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return ABSOLUTE_DIFFERENCE;
        }
        Map<Integer, Integer> distances = new HashMap<>();
        for (String pair : spec.split(",")) {
            String[] parts = pair.split("=", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("zone distance must be zone=distance, was '" + pair.trim() + "'");
            }
            int zone = number(parts[0], "zone", pair);
            int distance = number(parts[1], "distance", pair);
            if (distance == 0) {
                // 0 is the own zone's distance alone, so the own zone always comes first.
                throw new IllegalArgumentException("distance must be at least 1 in '" + pair.trim() + "'");
            }
            if (zone > 0xffffff) {
                throw new IllegalArgumentException("zone must be 0..16777215 in '" + pair.trim() + "'");
            }
            if (distances.put(zone, distance) != null) {
                throw new IllegalArgumentException("zone " + zone + " has two distances");
            }
        }
        return new ZoneDistances(distances);
    }

    /** The distance from {@code ownZone} to {@code zone}: 0 for the own zone, else configured or the difference. */
    public long distance(int ownZone, int zone) {
        if (zone == ownZone) {
            return 0;
        }
        Integer configuredDistance = configured.get(zone);
        return configuredDistance != null ? configuredDistance : Math.abs((long) ownZone - zone);
    }

    private static int number(String text, String what, String pair) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a non-negative integer in '" + pair.trim() + "'");
        }
    }

    @Override
    public String toString() {
        return configured.isEmpty() ? "|own - zone|" : new TreeMap<>(configured) + " else |own - zone|";
    }
}
