package io.mediamesh.e2e;

import io.mediamesh.testsupport.chromium.Json;
import io.mediamesh.testsupport.chromium.LogTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * The packaged platform as separate JVMs: the media node, then the gateway in front of it, each started from its
 * Spring Boot exec jar with {@code java -jar}, on free ports, with a random shared secret.
 *
 * <p>The media node advertises only 127.0.0.1 unless the system property {@code mediamesh.e2e.advertisedAddresses}
 * says otherwise (an empty value keeps the node's own default), because Chromium is launched with loopback
 * candidates and the loopback pair is the one path that exists on every machine.
 */
public final class PlatformProcess implements AutoCloseable {
    /** The kinds of access token the gateway issues that the tests use. */
    public enum TokenKind {
        WHIP, WHEP, RTMP, WEBRTC;

        String path() {
            return "/token/" + name().toLowerCase();
        }
    }

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(120);
    private static final int LOG_TAIL_LINES = 80;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String secret;
    private final Path logDir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private int gatewayPort;
    private int nodePort;
    private int nodeUdpPort;

    private PlatformProcess(String secret, Path logDir) {
        this.secret = secret;
        this.logDir = logDir;
    }

    /**
     * Starts the media node and the gateway and waits until both report UP.
     *
     * @throws AssertionError if a jar is missing, a process dies, or health is not UP within 120 s (with log tails)
     */
    public static PlatformProcess start() {
        String external = System.getProperty("mediamesh.e2e.gatewayUrl", "");
        if (!external.isBlank()) {
            return attach(URI.create(external), System.getProperty("mediamesh.e2e.secret", "insecure"));
        }
        Path moduleDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        Path nodeJar = execJar(moduleDir, "media-node-service");
        Path gatewayJar = execJar(moduleDir, "gateway-service");
        byte[] secretBytes = new byte[24];
        new SecureRandom().nextBytes(secretBytes);
        PlatformProcess platform = new PlatformProcess(HexFormat.of().formatHex(secretBytes),
                moduleDir.resolve("target").resolve("e2e-logs"));
        try {
            platform.launch(nodeJar, gatewayJar);
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    /**
     * Uses a platform that is already running (for example one started by {@code bin/run-local} while debugging):
     * set {@code -Dmediamesh.e2e.gatewayUrl=http://127.0.0.1:8080} and, unless it is "insecure",
     * {@code -Dmediamesh.e2e.secret=...}. Nothing is started or stopped, and there are no logs to show.
     */
    private static PlatformProcess attach(URI gateway, String secret) {
        PlatformProcess platform = new PlatformProcess(secret, Path.of("target", "e2e-logs"));
        platform.gatewayPort = gateway.getPort();
        platform.awaitHealthy("gateway", null, platform.gatewayPort);
        return platform;
    }

    static Path execJar(Path moduleDir, String module) {
        Path jar = moduleDir.resolveSibling(module).resolve("target")
                .resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("missing " + jar + ": the end-to-end tests run the packaged services; build "
                    + "them first, e.g. './mvnw -B verify' (whole reactor) or "
                    + "'./mvnw -B -DskipTests package -pl media-node-service,gateway-service -am'");
        }
        return jar;
    }

    private void launch(Path nodeJar, Path gatewayJar) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nodePort = freeTcpPort();
        nodeUdpPort = freeUdpPort();
        gatewayPort = freeTcpPort();
        String advertised = System.getProperty("mediamesh.e2e.advertisedAddresses", "127.0.0.1");

        Map<String, String> nodeEnv = new LinkedHashMap<>();
        nodeEnv.put("SERVER_PORT", Integer.toString(nodePort));
        nodeEnv.put("MEDIAMESH_NODE_SECRET", secret);
        nodeEnv.put("MEDIAMESH_NODE_UDP_PORT", Integer.toString(nodeUdpPort));
        // Tests stop nodes with sessions still open: no graceful drain wait at the end of a test.
        nodeEnv.put("MEDIAMESH_NODE_DRAIN_TIMEOUT", "0s");
        if (!advertised.isBlank()) {
            nodeEnv.put("MEDIAMESH_NODE_ADVERTISED_ADDRESSES", advertised);
        }
        Process node = startJar("media-node", nodeJar, nodeEnv);

        // The gateway does not need the node at start-up, so both boot at once; that halves the wait.
        Map<String, String> gatewayEnv = Map.of(
                "SERVER_PORT", Integer.toString(gatewayPort),
                "MEDIAMESH_GATEWAY_SECRET", secret,
                "MEDIAMESH_GATEWAY_MEDIA_NODE_URL", "http://127.0.0.1:" + nodePort);
        Process gateway = startJar("gateway", gatewayJar, gatewayEnv);
        awaitHealthy("media-node", node, nodePort);
        awaitHealthy("gateway", gateway, gatewayPort);
    }

    private Process startJar(String name, Path jar, Map<String, String> env) {
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-Xmx512m");
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
            Process process = builder.start();
            processes.add(process);
            logs.add(log);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " from " + jar, e);
        }
    }

    /** The JVM running this test, so the services run on the same Java version. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Polls {@code /actuator/health} until UP; {@code process} (null when attached) must stay alive meanwhile. */
    private void awaitHealthy(String name, Process process, int port) {
        HealthCheck.awaitUp(http, name, process, port, System.nanoTime() + HEALTH_TIMEOUT.toNanos(),
                this::logTails);
    }

    /** {@code http://127.0.0.1:<gateway port>}: the only address clients use. */
    public URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    public URI mediaNodeUrl() {
        return URI.create("http://127.0.0.1:" + nodePort);
    }

    public int mediaNodeUdpPort() {
        return nodeUdpPort;
    }

    /** The random secret shared by the gateway and the media node for this run. */
    public String secret() {
        return secret;
    }

    /**
     * Asks the gateway's token API for a token of {@code kind} for {@code peer} in {@code room}, valid one hour.
     *
     * @throws AssertionError if the API does not answer 200 with {@code {"status":true,"data":{"token":...}}}
     */
    public String token(TokenKind kind, String room, String peer) {
        return new GatewayClient(http, gatewayUrl(), secret).token(kind, room, peer);
    }

    /** Sends a request with this platform's HTTP client; IO errors become assertion failures. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + request.uri(), e);
        }
    }

    /** The last lines of both service logs, for failure messages. */
    public String logTails() {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            out.append(LogTail.of(log, LOG_TAIL_LINES)).append('\n');
        }
        return out.toString();
    }

    /** Stops the gateway, then the media node, each with its descendants; forcibly after 10 s. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            List<ProcessHandle> tree = new ArrayList<>();
            process.descendants().forEach(tree::add);
            tree.add(process.toHandle());
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : tree) {
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception notExitedInTime) {
                    handle.destroyForcibly();
                }
            }
        }
        processes.clear();
    }

    static int freeTcpPort() {
        // The services bind the wildcard address, so the probe does too.
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
