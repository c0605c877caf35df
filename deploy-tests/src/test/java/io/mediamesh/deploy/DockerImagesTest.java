package io.mediamesh.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Dockerfiles (which cannot be built here: no Docker engine): each copies the jar its module's build produces,
 * runs as a non-root user, checks health on a path the service exposes, and carries the container JVM flags. The
 * health check and drain scripts the images ship are run for real against a local HTTP server.
 */
class DockerImagesTest {
    static final int UID = 10001;
    /** What Hazelcast asks for on Java 17+ (its start-up warning), and the container memory flags. */
    static final List<String> JVM_FLAGS = List.of("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError",
            "--add-modules=java.se", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.management/sun.management=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");
    private static final Map<String, String> HTTP_PORTS = Map.of("gateway-service", "8080",
            "media-node-service", "8081", "signaling-service", "8082", "rtmp-ingest", "8083", "sip-gateway", "8084");

    static List<String> services() {
        return DeployFiles.SERVICES;
    }

    @Test
    void thereIsOneImagePerServiceAndTheBuildScriptBuildsThemAll() throws IOException {
        try (var dirs = Files.list(DeployFiles.path("docker"))) {
            assertThat(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(DeployFiles.SERVICES);
        }
        String script = DeployFiles.read(DeployFiles.path("bin/build-images"));
        assertThat(script).contains("all=(" + String.join(" ", DeployFiles.SERVICES) + ")", "-DskipTests package");
        assertThat(Files.isExecutable(DeployFiles.path("bin/build-images"))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("services")
    void dockerfileCopiesTheJarItsModuleBuildsAndRunsItAsANonRootUser(String service) {
        String dockerfile = DeployFiles.read(DeployFiles.path("docker/" + service + "/Dockerfile"));

        assertThat(dockerfile).containsPattern("(?m)^ARG JAVA_IMAGE=eclipse-temurin:(21|25)-jre$")
                .containsPattern("(?m)^FROM \\$\\{JAVA_IMAGE}$")
                .containsPattern("(?m)^USER " + UID + ":" + UID + "$")
                .contains("useradd --system --uid " + UID)
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-jar\", \"/app/app.jar\"]$");
        String jar = service + "/target/" + service + "-*-exec.jar";
        assertThat(dockerfile).contains("COPY " + jar + " /app/app.jar");
        // Every COPY source exists in the repository, or is the jar, and .dockerignore lets it through.
        for (String source : copySources(dockerfile)) {
            if (!source.equals(jar)) {
                assertThat(DeployFiles.path(source)).as(source).isRegularFile();
                assertThat(Files.isExecutable(DeployFiles.path(source))).as(source + " is executable").isTrue();
            }
        }
        String ignore = DeployFiles.read(DeployFiles.path(".dockerignore"));
        assertThat(ignore).contains("!docker/**", "!*/target/*-exec.jar");
        // The exec jar: the root build repackages every Spring Boot module with the classifier "exec".
        String rootPom = DeployFiles.read(DeployFiles.path("pom.xml"));
        assertThat(rootPom).containsPattern("(?s)<artifactId>spring-boot-maven-plugin</artifactId>.*"
                + "<goal>repackage</goal>.*<classifier>exec</classifier>");
        if (DeployFiles.moduleExists(service)) {
            assertThat(rootPom).contains("<module>" + service + "</module>");
            assertThat(DeployFiles.read(DeployFiles.path(service + "/pom.xml")))
                    .contains("<artifactId>" + service + "</artifactId>", "spring-boot-maven-plugin");
        } else {
            assertThat(Settings.PENDING).as(service + " has no module and is not an announced one").containsKey(service);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void dockerfileChecksHealthOnTheServicesPortAndSetsContainerJvmFlags(String service) {
        String dockerfile = DeployFiles.read(DeployFiles.path("docker/" + service + "/Dockerfile"));

        assertThat(dockerfile).contains("HEALTHCHECK ", "CMD [\"/app/bin/healthcheck\", \"/actuator/health\"]",
                "COPY docker/healthcheck /app/bin/healthcheck");
        assertThat(dockerfile).containsPattern("(?m)^ENV SERVER_PORT=" + HTTP_PORTS.get(service) + " ");
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE .*\\b" + HTTP_PORTS.get(service) + "/tcp");
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE .*\\b5701/tcp");
        Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(options.find()).isTrue();
        assertThat(options.group(1)).contains(JVM_FLAGS);
        if (DeployFiles.moduleExists(service)) {
            assertThat(exposesHealth(service)).isTrue();
            Map<String, Object> yml = DeployFiles.document(
                    DeployFiles.path(service + "/src/main/resources/application.yml"));
            assertThat(DeployFiles.at(yml, "server.port")).hasToString(HTTP_PORTS.get(service));
        }
    }

    @Test
    void mediaNodeImageShipsTheDrainScriptThatTheChartsPreStopRuns() {
        String dockerfile = DeployFiles.read(DeployFiles.path("docker/media-node-service/Dockerfile"));
        assertThat(dockerfile).contains("COPY docker/media-node-service/drain /app/bin/drain")
                .containsPattern("(?m)^EXPOSE .*10000/udp 11000/udp");
    }

    @Test
    void healthCheckScriptSucceedsOnlyOnHttp200() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> reply(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/down", exchange -> reply(exchange, 503, "{\"status\":\"DOWN\"}"));
        server.start();
        try {
            String port = String.valueOf(server.getAddress().getPort());
            Path script = DeployFiles.path("docker/healthcheck");
            assertThat(run(Map.of("SERVER_PORT", port), script.toString())).isZero();
            assertThat(run(Map.of("SERVER_PORT", port), script.toString(), "/actuator/health")).isZero();
            assertThat(run(Map.of("SERVER_PORT", port), script.toString(), "/down")).isEqualTo(1);
            assertThat(run(Map.of("SERVER_PORT", port), script.toString(), "/missing")).isEqualTo(1);
        } finally {
            server.stop(0);
        }
        assertThat(run(Map.of("SERVER_PORT", String.valueOf(freePort())), DeployFiles.path("docker/healthcheck")
                .toString())).as("nothing listening").isNotZero();
    }

    @Test
    void drainScriptAsksTheNodeToDrainWithTheSecretAndWaitsForTheAnswer() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/internal/drain", exchange -> {
            request.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            reply(exchange, 200, "{\"status\":true,\"data\":{\"draining\":true,\"sessions\":0,\"drained\":true}}");
        });
        server.start();
        try {
            Map<String, String> env = Map.of("SERVER_PORT", String.valueOf(server.getAddress().getPort()),
                    "MEDIAMESH_NODE_SECRET", "the-cluster-secret");
            assertThat(run(env, DeployFiles.path("docker/media-node-service/drain").toString())).isZero();
            assertThat(request.get()).isEqualTo("POST /internal/drain?wait=true Bearer the-cluster-secret");
        } finally {
            server.stop(0);
        }
    }

    /** Whether {@code module}'s application.yml exposes the actuator health endpoint over HTTP. */
    static boolean exposesHealth(String module) {
        if (!DeployFiles.moduleExists(module)) {
            return Settings.PENDING.containsKey(module);
        }
        Map<String, Object> yml = DeployFiles.document(DeployFiles.path(module + "/src/main/resources/application.yml"));
        Object include = DeployFiles.at(yml, "management.endpoints.web.exposure.include");
        return include != null && List.of(String.valueOf(include).split("\\s*,\\s*")).contains("health");
    }

    private static List<String> copySources(String dockerfile) {
        List<String> result = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^COPY (\\S+) \\S+$").matcher(dockerfile);
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    static int run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return process.exitValue();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
