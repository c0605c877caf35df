package io.mediamesh.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's start script for overlay members, run with bash as the pod would run it, with a stand-in {@code java}
 * on the PATH that prints the settings it was started with: node index from the StatefulSet ordinal or the host
 * address, ICE addresses, the overlay address and the seeds from the headless Service's DNS answer.
 */
class StartScriptTest {
    @TempDir
    Path dir;
    private Path script;

    @BeforeEach
    void writeScriptAndFakeJava() throws IOException {
        script = dir.resolve("start-overlay-member");
        Files.writeString(script, HelmChartTest.startScript(HelmChartTest.render(Map.of())));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"ARGS=$*\"\nenv | grep '^MEDIAMESH_' | sort\n");
        java.toFile().setExecutable(true);
    }

    @Test
    void statefulSetPodTakesItsIndexFromItsOrdinalAndAdvertisesTheHostAddress() throws Exception {
        Result r = start(Map.of("POD_NAME", "mm-mediamesh-media-node-z2-4", "START_INDEX_FROM", "ordinal",
                "START_INDEX_BASE", "1", "START_ADVERTISE", "hostIP", "HOST_IP", "192.0.2.44"));

        assertThat(r.exit).isZero();
        assertThat(r.vars).containsEntry("ARGS", "-jar /app/app.jar")
                .containsEntry("MEDIAMESH_NODE_INDEX", "5")
                .containsEntry("MEDIAMESH_NODE_ADVERTISED_ADDRESSES", "192.0.2.44")
                .containsEntry("MEDIAMESH_NODE_OVERLAY_ADVERTISED_ADDRESS", "10.1.0.9:11000");
    }

    @Test
    void daemonSetPodTakesItsIndexFromTheLastOctetOfTheHostAddress() throws Exception {
        Result r = start(Map.of("START_INDEX_FROM", "hostIP", "HOST_IP", "10.20.30.77", "START_ADVERTISE", "hostIP"));

        assertThat(r.exit).isZero();
        assertThat(r.vars).containsEntry("MEDIAMESH_NODE_INDEX", "77");
    }

    @Test
    void seedsAreEveryListedMediaNodeButThisPod() throws Exception {
        // "localhost" answers 127.0.0.1: a peer for a pod at 10.1.0.9, the pod itself when it is 127.0.0.1.
        assertThat(start(Map.of()).vars).containsEntry("MEDIAMESH_NODE_OVERLAY_SEEDS", "127.0.0.1:11000");
        assertThat(start(Map.of("POD_IP", "127.0.0.1")).vars).containsEntry("MEDIAMESH_NODE_OVERLAY_SEEDS", "");
        assertThat(start(Map.of("START_PEERS_DNS", "no-such-name.invalid")).vars)
                .containsEntry("MEDIAMESH_NODE_OVERLAY_SEEDS", "");
    }

    @Test
    void externalAddressComesFromTheInitContainersFileAndItsAbsenceStopsTheStart() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Result missing = start(Map.of("START_ADVERTISE", "nodeExternalIP", "START_RUN_DIR", run.toString()));
        assertThat(missing.exit).isEqualTo(1);
        assertThat(missing.output).contains("no ExternalIP");

        Files.writeString(run.resolve("external-ip"), "198.51.100.23");
        Result found = start(Map.of("START_ADVERTISE", "nodeExternalIP", "START_RUN_DIR", run.toString()));
        assertThat(found.exit).isZero();
        assertThat(found.vars).containsEntry("MEDIAMESH_NODE_ADVERTISED_ADDRESSES", "198.51.100.23");
    }

    @Test
    void anIndexOutsideOneTo255StopsTheStart() throws Exception {
        Result r = start(Map.of("POD_NAME", "mm-mediamesh-rtmp-ingest-200", "START_INDEX_BASE", "101"));

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("node index 301 is outside 1..255");
    }

    private Result start(Map<String, String> overrides) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(Map.of("POD_NAME", "mm-mediamesh-media-node-z1-0", "POD_IP",
                "10.1.0.9", "HOST_IP", "192.0.2.1", "NODE_NAME", "worker-1", "MEDIAMESH_NODE_ZONE", "1",
                "MEDIAMESH_NODE_OVERLAY_PORT", "11000", "START_PEERS_DNS", "localhost", "START_INDEX_FROM", "ordinal",
                "START_INDEX_BASE", "1"));
        env.putAll(overrides);
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("MEDIAMESH_") || k.startsWith("START_"));
        builder.environment().putAll(env);
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("start script did not finish");
        }
        Map<String, String> vars = new TreeMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z_]+")) {
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Result(process.exitValue(), output, vars);
    }

    private record Result(int exit, String output, Map<String, String> vars) {
    }
}
