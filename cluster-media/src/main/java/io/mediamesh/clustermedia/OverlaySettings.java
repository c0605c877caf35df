package io.mediamesh.clustermedia;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a process joins the overlay: its node id (zone &lt;&lt; 8 | index, non-zero), the UDP port of its links, the
 * address other members reach it at, its seeds, and the cluster secret that keys every link.
 *
 * @param nodeId            this member's overlay node id
 * @param port              the UDP port to bind
 * @param advertisedAddress host:port others reach this member at
 * @param seeds             members to link with at start
 * @param linkDelaysMicros  TEST ONLY: extra one-way delay towards some neighbours (empty in production)
 * @param clusterSecret     the shared cluster secret (any length; hashed to 32 bytes)
 * @param linkLoss          TEST ONLY: fraction (0..1) of frames towards some neighbours dropped on purpose
 */
public record OverlaySettings(int nodeId, int port, String advertisedAddress, List<InetSocketAddress> seeds,
        Map<InetSocketAddress, Long> linkDelaysMicros, String clusterSecret, Map<InetSocketAddress, Double> linkLoss) {

    /** Settings without test-only link loss. */
    public OverlaySettings(int nodeId, int port, String advertisedAddress, List<InetSocketAddress> seeds,
            Map<InetSocketAddress, Long> linkDelaysMicros, String clusterSecret) {
        this(nodeId, port, advertisedAddress, seeds, linkDelaysMicros, clusterSecret, Map.of());
    }

    public OverlaySettings {
        if (nodeId == 0) {
            throw new IllegalArgumentException(
                    "node id 0 is reserved by the overlay: set mediamesh.node.index (1-255) or mediamesh.node.zone");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("overlay port must be 0..65535: " + port);
        }
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        seeds = List.copyOf(seeds);
        linkDelaysMicros = Map.copyOf(linkDelaysMicros);
        Objects.requireNonNull(clusterSecret, "clusterSecret");
        linkLoss = Map.copyOf(linkLoss);
    }

    /** The overlay's key material: SHA-256 of the cluster secret. */
    public byte[] secretBytes() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(clusterSecret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Parses {@code host:port} entries (blank entries are skipped). */
    public static List<InetSocketAddress> parseAddresses(List<String> values) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (String value : values) {
            if (!value.isBlank()) {
                result.add(parseAddress(value.trim()));
            }
        }
        return result;
    }

    /** Parses {@code host:port=ms} test link delays into microseconds per neighbour. */
    public static Map<InetSocketAddress, Long> parseDelays(List<String> values) {
        return parseEntries(values, "link delay must be host:port=ms", ms -> Long.parseLong(ms) * 1000);
    }

    /** Parses {@code host:port=percent} test link losses into fractions per neighbour. */
    public static Map<InetSocketAddress, Double> parseLoss(List<String> values) {
        return parseEntries(values, "link loss must be host:port=percent (0..100)", text -> {
            double percent = Double.parseDouble(text);
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("out of range");
            }
            return percent / 100;
        });
    }

    /** Parses {@code host:port=value} entries (blank entries are skipped); {@code rule} names the expected form. */
    private static <T> Map<InetSocketAddress, T> parseEntries(List<String> values, String rule,
            java.util.function.Function<String, T> parseValue) {
        Map<InetSocketAddress, T> result = new HashMap<>();
        for (String value : values) {
            if (value.isBlank()) {
                continue;
            }
            int eq = value.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(rule + ", was '" + value + "'");
            }
            T parsed;
            try {
                parsed = parseValue.apply(value.substring(eq + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(rule + ", was '" + value + "'", e);
            }
            result.put(parseAddress(value.substring(0, eq).trim()), parsed);
        }
        return result;
    }

    /** Parses one {@code host:port}. */
    public static InetSocketAddress parseAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("overlay address must be host:port, was '" + hostPort + "'");
        }
        try {
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("overlay address must be host:port, was '" + hostPort + "'", e);
        }
    }
}
