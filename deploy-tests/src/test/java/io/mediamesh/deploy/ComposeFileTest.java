package io.mediamesh.deploy;

import static io.mediamesh.deploy.DeployFiles.at;
import static io.mediamesh.deploy.DeployFiles.list;
import static io.mediamesh.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, parsed and interpolated with .env as Compose does, checked against the services: names and
 * images, every environment name a setting the service reads, the Hazelcast member list, unique node ids, the
 * published UDP ports the nodes advertise, the overlay addresses and seeds, and the secret wiring.
 */
class ComposeFileTest {
    static final Set<String> EXPECTED = Set.of("gateway", "media-node-1", "media-node-2", "media-node-3",
            "signaling", "rtmp-ingest", "sip-gateway");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private Map<String, String> dotEnv;
    private Map<String, Map<String, Object>> services;

    @BeforeEach
    void load() {
        dotEnv = readDotEnv();
        services = new LinkedHashMap<>();
        map(DeployFiles.document(DeployFiles.path("docker-compose.yml")).get("services"))
                .forEach((name, service) -> services.put(name, map(service)));
    }

    @Test
    void everyServiceRunsTheImageBuiltFromItsModulesDockerfile() {
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED);
        Set<String> modules = new HashSet<>();
        services.forEach((name, service) -> {
            String module = module(service);
            modules.add(module);
            assertThat(String.valueOf(service.get("image"))).as(name)
                    .isEqualTo("mediamesh/" + module + ":${MEDIAMESH_TAG:-0.1.0-SNAPSHOT}");
            Object build = service.get("build");
            if (build != null) {
                assertThat(at(map(build), "dockerfile")).isEqualTo("docker/" + module + "/Dockerfile");
                assertThat(at(map(build), "context")).isEqualTo(".");
            }
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
        });
        assertThat(modules).containsExactlyInAnyOrderElementsOf(DeployFiles.SERVICES);
        assertThat(dotEnv.get("MEDIAMESH_TAG")).isEqualTo(projectVersion());
    }

    @Test
    void everyEnvironmentNameIsASettingTheServiceReads() {
        services.forEach((name, service) -> {
            Settings.Catalog settings = Settings.of(module(service));
            for (String env : env(service).keySet()) {
                assertThat(settings.reads(env)).as(name + ": " + env + " is a setting of " + module(service)).isTrue();
            }
        });
    }

    @Test
    void everyServiceIsAHazelcastMemberListedByItsServiceName() {
        Set<String> clusterNames = new HashSet<>();
        services.forEach((name, service) -> {
            Map<String, String> env = env(service);
            assertThat(env).as(name).containsEntry("MEDIAMESH_CLUSTER_ENABLED", "true")
                    .containsEntry("MEDIAMESH_CLUSTER_PORT", "5701")
                    .containsEntry("MEDIAMESH_CLUSTER_PORTAUTOINCREMENT", "false");
            clusterNames.add(env.get("MEDIAMESH_CLUSTER_CLUSTERNAME"));
            List<String> members = List.of(env.get("MEDIAMESH_CLUSTER_MEMBERS").split(","));
            assertThat(members).as(name).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(EXPECTED);
        });
        assertThat(clusterNames).hasSize(1);
    }

    @Test
    void overlayMembersHaveUniqueNodeIdsAndTheMediaNodesSpanTwoZones() {
        Set<Integer> ids = new HashSet<>();
        Map<Integer, Integer> mediaNodesPerZone = new HashMap<>();
        services.forEach((name, service) -> {
            Map<String, String> env = env(service);
            if (env.containsKey("MEDIAMESH_NODE_INDEX")) {
                int zone = Integer.parseInt(env.get("MEDIAMESH_NODE_ZONE"));
                int index = Integer.parseInt(env.get("MEDIAMESH_NODE_INDEX"));
                assertThat(index).as(name).isBetween(1, 255);
                assertThat(zone).as(name).isBetween(1, 0xffffff);
                assertThat(ids.add(zone << 8 | index)).as(name + " node id " + (zone << 8 | index) + " is unique")
                        .isTrue();
                if ("media-node-service".equals(module(service))) {
                    mediaNodesPerZone.merge(zone, 1, Integer::sum);
                }
            }
        });
        assertThat(mediaNodesPerZone).isEqualTo(Map.of(1, 2, 2, 1));
        assertThat(env(services.get("gateway"))).containsEntry("MEDIAMESH_GATEWAY_ZONE", "1");
    }

    @Test
    void mediaNodesAdvertiseTheUdpPortTheyPublishOneToOneAndHostPortsAreUnique() {
        Set<String> hostPorts = new HashSet<>();
        services.forEach((name, service) -> {
            for (Object p : list(service.get("ports"))) {
                Matcher m = Pattern.compile("(\\d+)(?:-(\\d+))?:(\\d+)(?:-(\\d+))?/(udp|tcp)").matcher(String.valueOf(p));
                assertThat(m.matches()).as(name + " port " + p + " is host:container/protocol").isTrue();
                int from = Integer.parseInt(m.group(1));
                int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
                assertThat(m.group(3)).as(name + " publishes " + p + " 1:1").isEqualTo(m.group(1));
                for (int port = from; port <= to; port++) {
                    assertThat(hostPorts.add(port + "/" + m.group(5))).as(name + " host port " + port).isTrue();
                }
            }
        });
        for (Map<String, Object> node : mediaNodes()) {
            Map<String, String> env = env(node);
            String udp = env.get("MEDIAMESH_NODE_UDP_PORT");
            assertThat(list(node.get("ports"))).containsExactly(udp + ":" + udp + "/udp");
            assertThat(env.get("MEDIAMESH_NODE_ADVERTISED_ADDRESSES")).isEqualTo(dotEnv.get("MEDIAMESH_PUBLIC_IP"));
            assertThat(env.get("MEDIAMESH_NODE_PUBLICURL"))
                    .isEqualTo("http://" + nameOf(node) + ":" + env.get("SERVER_PORT"));
            assertThat(durationSeconds(String.valueOf(node.get("stop_grace_period"))))
                    .as("stop_grace_period outlasts the drain")
                    .isGreaterThan(durationSeconds(env.get("MEDIAMESH_NODE_DRAIN_TIMEOUT")));
        }
        assertThat(hostPorts).contains("8080/tcp");
        assertThat(env(services.get("gateway")).get("MEDIAMESH_GATEWAY_MEDIA_NODE_URL"))
                .isEqualTo(env(services.get("media-node-1")).get("MEDIAMESH_NODE_PUBLICURL"));
    }

    @Test
    void overlayMembersAdvertiseTheirFixedAddressAndSeedEveryOtherMediaNode() {
        String subnet = dotEnv.get("MEDIAMESH_SUBNET");
        Object configured = at(DeployFiles.document(DeployFiles.path("docker-compose.yml")),
                "networks.mediamesh.ipam.config");
        assertThat(interpolate(String.valueOf(map(list(configured).get(0)).get("subnet")))).isEqualTo(subnet + ".0/24");
        Set<String> addresses = new HashSet<>();
        services.forEach((name, service) -> {
            String ip = interpolate(String.valueOf(at(service, "networks.mediamesh.ipv4_address")));
            assertThat(ip).as(name).startsWith(subnet + ".");
            assertThat(addresses.add(ip)).as(name + " address " + ip).isTrue();
        });
        List<String> mediaNodeOverlay = new ArrayList<>();
        for (Map<String, Object> node : mediaNodes()) {
            mediaNodeOverlay.add(env(node).get("MEDIAMESH_NODE_OVERLAY_ADVERTISED_ADDRESS"));
        }
        services.forEach((name, service) -> {
            Map<String, String> env = env(service);
            if (!env.containsKey("MEDIAMESH_NODE_OVERLAY_PORT")) {
                return;
            }
            String self = env.get("MEDIAMESH_NODE_OVERLAY_ADVERTISED_ADDRESS");
            assertThat(self).as(name).isEqualTo(interpolate(String.valueOf(at(service, "networks.mediamesh.ipv4_address")))
                    + ":" + env.get("MEDIAMESH_NODE_OVERLAY_PORT"));
            List<String> expected = new ArrayList<>(mediaNodeOverlay);
            expected.remove(self);
            assertThat(List.of(env.get("MEDIAMESH_NODE_OVERLAY_SEEDS").split(","))).as(name + " seeds")
                    .containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @Test
    void everySecretComesFromDotEnvWhichWarnsLoudlyAboutItsDefaults() {
        services.forEach((name, service) -> {
            Map<String, String> raw = rawEnv(service);
            String secretEnv = Settings.SECRET_ENV.get(module(service));
            assertThat(raw).as(name).containsEntry(secretEnv, "${MEDIAMESH_SECRET:?set MEDIAMESH_SECRET in .env}");
            raw.forEach((key, value) -> {
                if (key.endsWith("SECRET")) {
                    assertThat(value).as(name + " " + key).startsWith("${MEDIAMESH_");
                }
            });
        });
        String text = DeployFiles.read(DeployFiles.path(".env"));
        assertThat(text).contains("WARNING", "PUBLIC DEFAULTS", "openssl rand -hex 32");
        assertThat(dotEnv.get("MEDIAMESH_SECRET")).hasSizeGreaterThanOrEqualTo(16);
        assertThat(dotEnv).containsKeys("MEDIAMESH_ADMIN_SECRET", "MEDIAMESH_PUBLIC_IP", "MEDIAMESH_SUBNET");
    }

    private List<Map<String, Object>> mediaNodes() {
        return services.values().stream().filter(s -> "media-node-service".equals(module(s))).toList();
    }

    private String nameOf(Map<String, Object> service) {
        return services.entrySet().stream().filter(e -> e.getValue() == service).findFirst().orElseThrow().getKey();
    }

    private static String module(Map<String, Object> service) {
        String image = String.valueOf(service.get("image"));
        return image.substring(image.indexOf('/') + 1, image.indexOf(':'));
    }

    private Map<String, String> env(Map<String, Object> service) {
        Map<String, String> result = new LinkedHashMap<>();
        rawEnv(service).forEach((k, v) -> result.put(k, interpolate(v)));
        return result;
    }

    private static Map<String, String> rawEnv(Map<String, Object> service) {
        Map<String, String> result = new LinkedHashMap<>();
        map(service.get("environment")).forEach((k, v) -> result.put(k, String.valueOf(v)));
        return result;
    }

    /** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
    private String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String current = dotEnv.get(m.group(1));
            String op = m.group(2);
            String replacement;
            if (op == null) {
                replacement = current == null ? "" : current;
            } else if (op.endsWith("-")) {
                replacement = current == null || (op.startsWith(":") && current.isEmpty()) ? m.group(3) : current;
            } else {
                if (current == null || (op.startsWith(":") && current.isEmpty())) {
                    throw new AssertionError("compose would refuse: " + m.group(3));
                }
                replacement = current;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> readDotEnv() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : DeployFiles.read(DeployFiles.path(".env")).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int eq = trimmed.indexOf('=');
                result.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return result;
    }

    private static int durationSeconds(String value) {
        assertThat(value).matches("\\d+s");
        return Integer.parseInt(value.substring(0, value.length() - 1));
    }

    private static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>mediamesh-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(DeployFiles.read(DeployFiles.path("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
