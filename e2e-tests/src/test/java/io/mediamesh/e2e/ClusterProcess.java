package io.mediamesh.e2e;

import io.mediamesh.testsupport.chromium.Json;
import io.mediamesh.testsupport.chromium.LogTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cluster on loopback as separate JVMs: N media nodes (zone 1, index 1..N) and one cluster-enabled gateway, all
 * members of one Hazelcast cluster, the nodes linked by a full-mesh overlay, every port free and chosen at start,
 * one random secret. Overlay links can be given a test-only extra one-way delay, set on both ends.
 *
 * <p>All JVMs boot at once with a small heap, C1 only and the serial collector, because five of them share the
 * machine with the browsers; start-up therefore takes a while, and the health timeout is generous.
 */
public final class ClusterProcess implements AutoCloseable {
    /** The JVM options of every service: small, quick to start, light on CPU. */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 60;
    private static final int ZONE = 1;

    /** An overlay link between node {@code a} and node {@code b} (indexes from 1), in either direction. */
    public record Link(int a, int b) {
        boolean touches(int index) {
            return a == index || b == index;
        }

        int other(int index) {
            return a == index ? b : a;
        }
    }

    /** One media node's ports and log, and its process once started. */
    private static final class Node {
        final int index;
        final int httpPort = PlatformProcess.freeTcpPort();
        final int udpPort = PlatformProcess.freeUdpPort();
        final int overlayPort = PlatformProcess.freeUdpPort();
        final int hazelcastPort = PlatformProcess.freeTcpPort();
        final Path log;
        Process process;

        Node(int index, Path log) {
            this.index = index;
            this.log = log;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String secret;
    private final Path logDir;
    private final List<Node> nodes = new ArrayList<>();
    private final int gatewayPort = PlatformProcess.freeTcpPort();
    private final int gatewayHazelcastPort = PlatformProcess.freeTcpPort();
    private final Path gatewayLog;
    private Process gateway;
    private final GatewayClient gatewayClient;
    private final boolean withRtmpIngest;
    private final int rtmpPort = PlatformProcess.freeTcpPort();
    private final int rtmpHttpPort = PlatformProcess.freeTcpPort();
    private final int rtmpHazelcastPort = PlatformProcess.freeTcpPort();
    private final int rtmpOverlayPort = PlatformProcess.freeUdpPort();
    private final Path rtmpLog;
    private Process rtmpIngest;
    private final boolean withSignaling;
    private final int signalingPort = PlatformProcess.freeTcpPort();
    private final int signalingHazelcastPort = PlatformProcess.freeTcpPort();
    private final Path signalingLog;
    private Process signaling;
    private final Map<String, String> sipEnv;
    private final int sipHttpPort = PlatformProcess.freeTcpPort();
    private final int sipPort = PlatformProcess.freeUdpPort();
    private final int sipHazelcastPort = PlatformProcess.freeTcpPort();
    private final int sipOverlayPort = PlatformProcess.freeUdpPort();
    private final Path sipLog;
    private Process sipGateway;

    private ClusterProcess(String secret, Path logDir, int nodeCount, boolean withRtmpIngest, boolean withSignaling,
            Map<String, String> sipEnv) {
        this.sipEnv = sipEnv;
        this.sipLog = logDir.resolve("cluster-sip-gateway.log");
        this.withRtmpIngest = withRtmpIngest;
        this.withSignaling = withSignaling;
        this.signalingLog = logDir.resolve("cluster-signaling.log");
        this.rtmpLog = logDir.resolve("cluster-rtmp-ingest.log");
        this.secret = secret;
        this.logDir = logDir;
        this.gatewayLog = logDir.resolve("cluster-gateway.log");
        for (int index = 1; index <= nodeCount; index++) {
            nodes.add(new Node(index, logDir.resolve("cluster-node-" + index + ".log")));
        }
        this.gatewayClient = new GatewayClient(http, gatewayUrl(), secret);
    }

    /**
     * Starts {@code nodeCount} media nodes and the gateway at once, waits until every one reports UP and the gateway
     * lists every node in {@code GET /api/admin/nodes}.
     *
     * @param linkDelaysMillis extra one-way delay per overlay link; links not named have none
     * @throws AssertionError if a jar is missing, a process dies, or the cluster is not ready in time (with log tails)
     */
    public static ClusterProcess start(int nodeCount, Map<Link, Integer> linkDelaysMillis) {
        return start(nodeCount, linkDelaysMillis, false);
    }

    /**
     * Like {@link #start(int, Map)}, plus the RTMP ingest service when {@code withRtmpIngest} (zone 1, index 200, its
     * overlay seeded with every media node; {@link #rtmpUrl()} is where encoders publish).
     */
    public static ClusterProcess start(int nodeCount, Map<Link, Integer> linkDelaysMillis, boolean withRtmpIngest) {
        return start(nodeCount, linkDelaysMillis, Map.of(), withRtmpIngest);
    }

    /**
     * Like {@link #start(int, Map, boolean)}, with a test-only share of overlay frames dropped on purpose on some links
     * (in both directions), to exercise loss recovery between nodes.
     */
    public static ClusterProcess start(int nodeCount, Map<Link, Integer> linkDelaysMillis,
            Map<Link, Integer> linkLossPercent, boolean withRtmpIngest) {
        return start(nodeCount, linkDelaysMillis, linkLossPercent, withRtmpIngest, false, null);
    }

    /**
     * {@code nodeCount} media nodes, the gateway and the signalling service (the WebRTC SDK's WebSocket, reached through
     * the gateway at {@code /sdk/ws}).
     */
    public static ClusterProcess startWithSignaling(int nodeCount) {
        return start(nodeCount, Map.of(), Map.of(), false, true, null);
    }

    /**
     * {@code nodeCount} media nodes, the gateway and the SIP gateway (zone 1, index 220, overlay seeded with every
     * node; SIP on {@link #sipPort()} over UDP and TCP, advertised as 127.0.0.1), with {@code sipEnv} added to its
     * environment (accounts, dial plan, allowed networks).
     */
    public static ClusterProcess startWithSipGateway(int nodeCount, Map<String, String> sipEnv) {
        return start(nodeCount, Map.of(), Map.of(), false, false, sipEnv);
    }

    private static ClusterProcess start(int nodeCount, Map<Link, Integer> linkDelaysMillis,
            Map<Link, Integer> linkLossPercent, boolean withRtmpIngest, boolean withSignaling,
            Map<String, String> sipEnv) {
        try {
            return startOnce(nodeCount, linkDelaysMillis, linkLossPercent, withRtmpIngest, withSignaling, sipEnv);
        } catch (PortTaken e) {
            // The ports are chosen free, then bound by the services seconds later; in between the system may hand one
            // out as another process's ephemeral port. That is the test harness's race, not the platform's: once more
            // with new ports.
            System.err.println("cluster start-up lost a port race (" + e.getMessage() + "); starting again");
            return startOnce(nodeCount, linkDelaysMillis, linkLossPercent, withRtmpIngest, withSignaling, sipEnv);
        }
    }

    /** A service could not bind a port chosen free a moment before. */
    private static final class PortTaken extends RuntimeException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static ClusterProcess startOnce(int nodeCount, Map<Link, Integer> linkDelaysMillis,
            Map<Link, Integer> linkLossPercent, boolean withRtmpIngest, boolean withSignaling,
            Map<String, String> sipEnv) {
        Path moduleDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        Path nodeJar = PlatformProcess.execJar(moduleDir, "media-node-service");
        Path gatewayJar = PlatformProcess.execJar(moduleDir, "gateway-service");
        byte[] secretBytes = new byte[24];
        new SecureRandom().nextBytes(secretBytes);
        ClusterProcess cluster = new ClusterProcess(HexFormat.of().formatHex(secretBytes),
                moduleDir.resolve("target").resolve("e2e-logs"), nodeCount, withRtmpIngest, withSignaling, sipEnv);
        Path sipJar = sipEnv != null ? PlatformProcess.execJar(moduleDir, "sip-gateway") : null;
        Path rtmpJar = withRtmpIngest ? PlatformProcess.execJar(moduleDir, "rtmp-ingest") : null;
        Path signalingJar = withSignaling ? PlatformProcess.execJar(moduleDir, "signaling-service") : null;
        try {
            cluster.launch(nodeJar, gatewayJar, rtmpJar, signalingJar, sipJar, linkDelaysMillis, linkLossPercent);
            return cluster;
        } catch (RuntimeException | Error e) {
            String tails = cluster.logTails();
            cluster.close();
            if (tails.contains("was already in use")) {
                throw new PortTaken("a service found its port in use");
            }
            throw e;
        }
    }

    private void launch(Path nodeJar, Path gatewayJar, Path rtmpJar, Path signalingJar, Path sipJar,
            Map<Link, Integer> linkDelaysMillis, Map<Link, Integer> linkLossPercent) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String members = hazelcastMembers();
        for (Node node : nodes) {
            node.process = startJar(nodeJar, node.log, nodeEnvironment(node, members, linkDelaysMillis,
                    linkLossPercent));
        }
        Map<String, String> gatewayEnv = new LinkedHashMap<>();
        gatewayEnv.put("SERVER_PORT", Integer.toString(gatewayPort));
        gatewayEnv.put("MEDIAMESH_GATEWAY_SECRET", secret);
        gatewayEnv.put("MEDIAMESH_GATEWAY_ZONE", Integer.toString(ZONE));
        gatewayEnv.putAll(clusterEnvironment(gatewayHazelcastPort, members));
        if (signalingJar != null) {
            gatewayEnv.put("MEDIAMESH_GATEWAY_SIGNALING_URL", "ws://127.0.0.1:" + signalingPort);
        }
        gateway = startJar(gatewayJar, gatewayLog, gatewayEnv);
        if (signalingJar != null) {
            Map<String, String> signalingEnv = new LinkedHashMap<>();
            signalingEnv.put("SERVER_PORT", Integer.toString(signalingPort));
            signalingEnv.put("MEDIAMESH_SIGNALING_SECRET", secret);
            signalingEnv.put("MEDIAMESH_SIGNALING_ZONE", Integer.toString(ZONE));
            signalingEnv.putAll(clusterEnvironment(signalingHazelcastPort, members));
            signaling = startJar(signalingJar, signalingLog, signalingEnv);
        }
        if (rtmpJar != null) {
            Map<String, String> rtmpEnv = new LinkedHashMap<>();
            rtmpEnv.put("SERVER_PORT", Integer.toString(rtmpHttpPort));
            rtmpEnv.put("MEDIAMESH_RTMP_PORT", Integer.toString(rtmpPort));
            rtmpEnv.put("MEDIAMESH_RTMP_SECRET", secret);
            rtmpEnv.put("MEDIAMESH_NODE_ZONE", Integer.toString(ZONE));
            rtmpEnv.put("MEDIAMESH_NODE_INDEX", "200");
            rtmpEnv.put("MEDIAMESH_NODE_OVERLAY_PORT", Integer.toString(rtmpOverlayPort));
            rtmpEnv.put("MEDIAMESH_NODE_OVERLAY_SEEDS", nodes.stream().map(node -> "127.0.0.1:" + node.overlayPort)
                    .collect(Collectors.joining(",")));
            rtmpEnv.putAll(clusterEnvironment(rtmpHazelcastPort, members));
            rtmpIngest = startJar(rtmpJar, rtmpLog, rtmpEnv);
        }
        if (sipJar != null) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SERVER_PORT", Integer.toString(sipHttpPort));
            env.put("MEDIAMESH_SIP_PORT", Integer.toString(sipPort));
            env.put("MEDIAMESH_SIP_SECRET", secret);
            env.put("MEDIAMESH_SIP_ADVERTISED_ADDRESS", "127.0.0.1");
            env.put("MEDIAMESH_NODE_ZONE", Integer.toString(ZONE));
            env.put("MEDIAMESH_NODE_INDEX", "220");
            env.put("MEDIAMESH_NODE_OVERLAY_PORT", Integer.toString(sipOverlayPort));
            env.put("MEDIAMESH_NODE_OVERLAY_SEEDS", nodes.stream().map(node -> "127.0.0.1:" + node.overlayPort)
                    .collect(Collectors.joining(",")));
            env.putAll(clusterEnvironment(sipHazelcastPort, members));
            env.putAll(sipEnv);
            sipGateway = startJar(sipJar, sipLog, env);
        }

        // Everything boots in parallel, so waiting for each in turn costs no more than the slowest one.
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        for (Node node : nodes) {
            awaitHealthy("media node " + node.index, node.process, node.httpPort, deadline);
        }
        awaitHealthy("gateway", gateway, gatewayPort, deadline);
        if (rtmpIngest != null) {
            awaitHealthy("rtmp-ingest", rtmpIngest, rtmpHttpPort, deadline);
        }
        if (signaling != null) {
            awaitHealthy("signaling", signaling, signalingPort, deadline);
        }
        if (sipGateway != null) {
            awaitHealthy("sip-gateway", sipGateway, sipHttpPort, deadline);
        }
        awaitRegistered();
    }

    private Map<String, String> nodeEnvironment(Node node, String members, Map<Link, Integer> linkDelaysMillis,
            Map<Link, Integer> linkLossPercent) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(node.httpPort));
        env.put("MEDIAMESH_NODE_SECRET", secret);
        env.put("MEDIAMESH_NODE_UDP_PORT", Integer.toString(node.udpPort));
        // Tests stop nodes with sessions still open: no graceful drain wait at the end of a test.
        env.put("MEDIAMESH_NODE_DRAIN_TIMEOUT", "0s");
        env.put("MEDIAMESH_NODE_ADVERTISED_ADDRESSES", "127.0.0.1");
        env.put("MEDIAMESH_NODE_ZONE", Integer.toString(ZONE));
        env.put("MEDIAMESH_NODE_INDEX", Integer.toString(node.index));
        env.put("MEDIAMESH_NODE_PUBLICURL", "http://127.0.0.1:" + node.httpPort);
        env.putAll(clusterEnvironment(node.hazelcastPort, members));
        env.put("MEDIAMESH_NODE_OVERLAY_PORT", Integer.toString(node.overlayPort));
        env.put("MEDIAMESH_NODE_OVERLAY_SEEDS", nodes.stream().filter(other -> other != node)
                .map(other -> "127.0.0.1:" + other.overlayPort).collect(Collectors.joining(",")));
        StringJoiner delays = new StringJoiner(",");
        linkDelaysMillis.forEach((link, millis) -> {
            if (link.touches(node.index) && millis > 0) {
                delays.add("127.0.0.1:" + node(link.other(node.index)).overlayPort + "=" + millis);
            }
        });
        if (delays.length() > 0) {
            env.put("MEDIAMESH_NODE_OVERLAY_LINK_DELAYS", delays.toString());
        }
        StringJoiner losses = new StringJoiner(",");
        linkLossPercent.forEach((link, percent) -> {
            if (link.touches(node.index) && percent > 0) {
                losses.add("127.0.0.1:" + node(link.other(node.index)).overlayPort + "=" + percent);
            }
        });
        if (losses.length() > 0) {
            env.put("MEDIAMESH_NODE_OVERLAY_LINK_LOSS", losses.toString());
        }
        return env;
    }

    private Map<String, String> clusterEnvironment(int hazelcastPort, String members) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MEDIAMESH_CLUSTER_ENABLED", "true");
        // One cluster name per test cluster: members of an earlier test's cluster can never join this one.
        env.put("MEDIAMESH_CLUSTER_CLUSTERNAME", "e2e-" + secret.substring(0, 12));
        env.put("MEDIAMESH_CLUSTER_BINDADDRESS", "127.0.0.1");
        env.put("MEDIAMESH_CLUSTER_PORT", Integer.toString(hazelcastPort));
        env.put("MEDIAMESH_CLUSTER_PORTAUTOINCREMENT", "false");
        env.put("MEDIAMESH_CLUSTER_MEMBERS", members);
        return env;
    }

    private String hazelcastMembers() {
        List<String> members = new ArrayList<>();
        members.add("127.0.0.1:" + gatewayHazelcastPort);
        nodes.forEach(node -> members.add("127.0.0.1:" + node.hazelcastPort));
        if (withRtmpIngest) {
            members.add("127.0.0.1:" + rtmpHazelcastPort);
        }
        if (withSignaling) {
            members.add("127.0.0.1:" + signalingHazelcastPort);
        }
        if (sipEnv != null) {
            members.add("127.0.0.1:" + sipHazelcastPort);
        }
        return String.join(",", members);
    }

    private Process startJar(Path jar, Path log, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(PlatformProcess.javaBinary());
        command.addAll(JVM_OPTIONS);
        String extraJvmArgs = System.getProperty("mediamesh.e2e.jvmArgs", "");
        if (!extraJvmArgs.isBlank()) {
            command.addAll(List.of(extraJvmArgs.trim().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.writeString(log, "# " + String.join(" ", command) + "\n# env " + env + "\n");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    private void awaitHealthy(String name, Process process, int port, long deadline) {
        HealthCheck.awaitUp(http, name, process, port, deadline, this::logTails);
    }

    /** Waits until the gateway's node registry (Hazelcast) holds every media node. */
    private void awaitRegistered() {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = gatewayClient.adminGetRaw("nodes");
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && Json.isObject(response.body())
                    && Json.parse(response.body()).get("data") instanceof List<?> registered
                    && registered.size() == nodes.size()) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError("the gateway did not list " + nodes.size() + " media nodes within "
                + REGISTRATION_TIMEOUT + " (last GET /api/admin/nodes: " + last + ")\n" + logTails());
    }

    /** {@code http://127.0.0.1:<gateway port>}: token and admin API. */
    public URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    /** Node {@code index}'s Prometheus text ({@code /actuator/prometheus}). */
    public String nodeMetrics(int index) {
        HttpResponse<String> response = gatewayClient.send(java.net.http.HttpRequest.newBuilder(
                nodeUrl(index).resolve("/actuator/prometheus")).timeout(Duration.ofSeconds(10)).GET().build());
        return response.body();
    }

    /** {@code rtmp://127.0.0.1:<port>/live/}: append a stream key (an {@code rtmp} token). */
    public String rtmpUrl() {
        return "rtmp://127.0.0.1:" + rtmpPort + "/live/";
    }

    /** The SIP gateway's SIP port (UDP and TCP on 127.0.0.1). */
    public int sipPort() {
        return sipPort;
    }

    /** The SIP gateway's HTTP base URL (health, metrics, {@code /sip/calls}, {@code /sip/registrations}). */
    public URI sipHttpUrl() {
        return URI.create("http://127.0.0.1:" + sipHttpPort);
    }

    /** The RTMP ingest's HTTP base URL (health, metrics, {@code /rtmp/sessions}). */
    public URI rtmpHttpUrl() {
        return URI.create("http://127.0.0.1:" + rtmpHttpPort);
    }

    /** The HTTP base URL of media node {@code index} (from 1), which serves WHIP and WHEP itself too. */
    public URI nodeUrl(int index) {
        return URI.create("http://127.0.0.1:" + node(index).httpPort);
    }

    /** {@code host:port} of node {@code index}'s overlay socket, as the nodes' overlay JSON names its links. */
    /** The UDP port media node {@code index} takes WebRTC media on. */
    public int nodeUdpPort(int index) {
        return node(index).udpPort;
    }

    public String overlayAddress(int index) {
        return "127.0.0.1:" + node(index).overlayPort;
    }

    /** Node {@code index}'s name in the overlay JSON: {@code z1-n<index>}. */
    public static String nodeName(int index) {
        return "z" + ZONE + "-n" + index;
    }

    /** Node {@code index}'s id in the admin API: 8 hex digits of {@code zone << 8 | index}. */
    public static String nodeIdHex(int index) {
        return String.format("%08x", ZONE << 8 | index);
    }

    public int nodeCount() {
        return nodes.size();
    }

    public String secret() {
        return secret;
    }

    /** The gateway's token and admin API with this cluster's secret. */
    public GatewayClient gateway() {
        return gatewayClient;
    }

    /**
     * Node {@code index}'s own overlay view, {@code GET /internal/overlay} on the node (not through the gateway, so
     * it answers while the cluster state is still catching up with a dead member).
     */
    public Json nodeOverlay(int index) {
        HttpResponse<String> response = gatewayClient.send(
                gatewayClient.authorized(nodeUrl(index).resolve("/internal/overlay")).GET().build());
        if (response.statusCode() != 200 || !Json.isObject(response.body())) {
            throw new AssertionError("GET /internal/overlay on node " + index + " answered " + response.statusCode()
                    + " " + response.body());
        }
        return Json.parse(response.body());
    }

    /** Whether node {@code index}'s process still runs. */
    public boolean isAlive(int index) {
        return node(index).process.isAlive();
    }

    /** Kills node {@code index}'s process at once (SIGKILL: no drain, no goodbye) and waits until it is gone. */
    public void kill(int index) {
        Process process = node(index).process;
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("media node " + index + " did not die within 10 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing media node " + index, e);
        }
    }

    /** The last lines of every service log, for failure messages. */
    public String logTails() {
        StringBuilder out = new StringBuilder();
        nodes.forEach(node -> out.append(LogTail.of(node.log, LOG_TAIL_LINES)).append('\n'));
        out.append(LogTail.of(gatewayLog, LOG_TAIL_LINES)).append('\n');
        if (withRtmpIngest) {
            out.append(LogTail.of(rtmpLog, LOG_TAIL_LINES)).append('\n');
        }
        if (withSignaling) {
            out.append(LogTail.of(signalingLog, LOG_TAIL_LINES)).append('\n');
        }
        if (sipEnv != null) {
            out.append(LogTail.of(sipLog, LOG_TAIL_LINES)).append('\n');
        }
        return out.toString();
    }

    /** Stops the gateway and every node still running, all at once; forcibly after 10 s. */
    @Override
    public void close() {
        List<Process> all = new ArrayList<>();
        if (gateway != null) {
            all.add(gateway);
        }
        if (rtmpIngest != null) {
            all.add(rtmpIngest);
        }
        if (signaling != null) {
            all.add(signaling);
        }
        if (sipGateway != null) {
            all.add(sipGateway);
        }
        nodes.stream().map(node -> node.process).filter(p -> p != null).forEach(all::add);
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        gateway = null;
        rtmpIngest = null;
        signaling = null;
        sipGateway = null;
    }

    private Node node(int index) {
        if (index < 1 || index > nodes.size()) {
            throw new IllegalArgumentException("no media node " + index + " (1.." + nodes.size() + ")");
        }
        return nodes.get(index - 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
