package io.mediamesh.deploy;

import static io.mediamesh.deploy.DeployFiles.at;
import static io.mediamesh.deploy.DeployFiles.list;
import static io.mediamesh.deploy.DeployFiles.map;
import static io.mediamesh.deploy.Manifests.containers;
import static io.mediamesh.deploy.Manifests.env;
import static io.mediamesh.deploy.Manifests.envEntries;
import static io.mediamesh.deploy.Manifests.module;
import static io.mediamesh.deploy.Manifests.name;
import static io.mediamesh.deploy.Manifests.podLabels;
import static io.mediamesh.deploy.Manifests.podSpec;
import static io.mediamesh.deploy.Manifests.port;
import static io.mediamesh.deploy.Manifests.ports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm chart, linted and rendered by the real Helm library (helm-java) for the default values, the multi-zone
 * values file and the DaemonSet mode, and the rendered objects checked against the services: kinds, probes, ports,
 * environment names (each one a setting the service really reads), the Secret wiring, Hazelcast discovery, zones
 * and node ids.
 */
class HelmChartTest {
    static final Path CHART = DeployFiles.path("helm/mediamesh");
    static final Path MULTIZONE = CHART.resolve("values-multizone.yaml");
    static final String RELEASE = "mm";
    static final String NAMESPACE = "media";
    static final String PREFIX = "mm-mediamesh-";
    /** Environment names that are not Spring settings: the downward API and the start script's inputs. */
    static final Set<String> POD_ENV = Set.of("POD_NAME", "POD_IP", "HOST_IP", "NODE_NAME");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Z_]+)\\)");

    static Manifests render(Map<String, Object> sets, Path... valuesFiles) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("v1.31.0");
        for (Path file : valuesFiles) {
            template.withValuesFile(file);
        }
        sets.forEach(template::set);
        return new Manifests(DeployFiles.documents(template.call()));
    }

    static Path testValues(String name) {
        try {
            return Path.of(HelmChartTest.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The optional services switched on explicitly (both are on by default too). */
    static final Map<String, Object> WITH_OPTIONAL = Map.of("signaling.enabled", "true", "sipGateway.enabled", "true");

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("default values", render(Map.of())),
                Arguments.of("default values + signaling and SIP", render(WITH_OPTIONAL)),
                Arguments.of("values-multizone.yaml", render(WITH_OPTIONAL, MULTIZONE)),
                Arguments.of("DaemonSet mode", render(Map.of("mediaNode.mode", "daemonset"))),
                Arguments.of("fixed addresses", render(Map.of(), testValues("values-fixed-addresses.yaml"))));
    }

    @Test
    void chartPassesStrictLint() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void defaultValuesRenderTheBuiltServicesAndTheOptionalOnesWhenEnabled() {
        assertThat(render(Map.of()).kindsAndNames()).containsExactlyInAnyOrder(
                "ConfigMap/" + PREFIX + "start",
                "Deployment/" + PREFIX + "gateway", "Deployment/" + PREFIX + "signaling",
                "StatefulSet/" + PREFIX + "media-node-z1", "StatefulSet/" + PREFIX + "rtmp-ingest",
                "StatefulSet/" + PREFIX + "sip-gateway", "Service/" + PREFIX + "sip-gateway",
                "Service/" + PREFIX + "gateway", "Service/" + PREFIX + "signaling",
                "Service/" + PREFIX + "rtmp-ingest", "Service/" + PREFIX + "hazelcast",
                "Service/" + PREFIX + "media-node",
                "PodDisruptionBudget/" + PREFIX + "media-node", "PodDisruptionBudget/" + PREFIX + "gateway",
                "PodDisruptionBudget/" + PREFIX + "signaling");

        Manifests m = render(WITH_OPTIONAL);
        assertThat(m.kindsAndNames()).containsExactlyInAnyOrder(
                "ConfigMap/" + PREFIX + "start",
                "Deployment/" + PREFIX + "gateway", "Deployment/" + PREFIX + "signaling",
                "StatefulSet/" + PREFIX + "media-node-z1", "StatefulSet/" + PREFIX + "rtmp-ingest",
                "StatefulSet/" + PREFIX + "sip-gateway", "Service/" + PREFIX + "sip-gateway",
                "Service/" + PREFIX + "gateway", "Service/" + PREFIX + "signaling",
                "Service/" + PREFIX + "rtmp-ingest", "Service/" + PREFIX + "hazelcast",
                "Service/" + PREFIX + "media-node",
                "PodDisruptionBudget/" + PREFIX + "media-node", "PodDisruptionBudget/" + PREFIX + "gateway",
                "PodDisruptionBudget/" + PREFIX + "signaling");
        Set<String> images = new HashSet<>();
        m.workloads().forEach(w -> containers(w).forEach(c -> images.add(module(c))));
        assertThat(images).containsExactlyInAnyOrderElementsOf(DeployFiles.SERVICES);
        assertThat(at(m.get("StatefulSet", PREFIX + "media-node-z1"), "spec.replicas")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyServiceIsProbedOnItsHttpPortLimitedAndNonRoot(String variant, Manifests m) {
        for (Map<String, Object> workload : m.workloads()) {
            Map<String, Object> pod = podSpec(workload);
            assertThat(at(pod, "securityContext.runAsNonRoot")).as(name(workload)).isEqualTo(true);
            assertThat(at(pod, "securityContext.runAsUser")).as(name(workload)).isEqualTo(DockerImagesTest.UID);
            for (Map<String, Object> c : containers(workload)) {
                String what = variant + ": " + name(workload) + "/" + c.get("name");
                Map<String, String> env = env(c);
                assertThat(port(c, "http").get("containerPort")).as(what)
                        .hasToString(env.get("SERVER_PORT"));
                assertThat(at(c, "livenessProbe.httpGet.path")).as(what).isEqualTo("/actuator/health/liveness");
                assertThat(at(c, "livenessProbe.httpGet.port")).as(what).isEqualTo("http");
                assertThat(at(c, "readinessProbe.httpGet.path")).as(what).isEqualTo("/actuator/health/readiness");
                assertThat(at(c, "readinessProbe.httpGet.port")).as(what).isEqualTo("http");
                assertThat(at(c, "startupProbe.httpGet.path")).as(what).isEqualTo("/actuator/health/liveness");
                // The probe groups exist only when this is on (or Boot detects Kubernetes): set it explicitly.
                assertThat(env).as(what).containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
                assertThat(DockerImagesTest.exposesHealth(module(c))).as(what).isTrue();
                assertThat(at(c, "resources.requests.cpu")).as(what).isNotNull();
                assertThat(at(c, "resources.requests.memory")).as(what).isNotNull();
                assertThat(at(c, "resources.limits.memory")).as(what).isNotNull();
                assertThat(at(c, "securityContext.allowPrivilegeEscalation")).as(what).isEqualTo(false);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyEnvironmentNameIsASettingTheServiceReads(String variant, Manifests m) {
        String script = startScript(m);
        for (Map<String, Object> workload : m.workloads()) {
            for (Map<String, Object> c : containers(workload)) {
                Settings.Catalog settings = Settings.of(module(c));
                Map<String, String> env = env(c);
                Set<String> referenced = new HashSet<>();
                env.values().forEach(v -> referenced.addAll(references(v)));
                for (String name : env.keySet()) {
                    String what = variant + ": " + name(workload) + "/" + c.get("name") + " " + name;
                    if (name.startsWith("START_")) {
                        assertThat(script).as(what + " is read by the start script").contains("${" + name);
                        assertThat(c.get("command")).as(what).asString().contains("start-overlay-member");
                    } else if (POD_ENV.contains(name)) {
                        assertThat(referenced.contains(name) || script.contains("${" + name) || script.contains("$" + name))
                                .as(what + " is used").isTrue();
                    } else {
                        assertThat(settings.reads(name)).as(what + " is a setting of " + module(c)).isTrue();
                    }
                }
                // $(VAR) references resolve only to variables defined earlier in the list.
                List<String> order = new ArrayList<>(env.keySet());
                env.forEach((name, value) -> references(value).forEach(ref -> assertThat(order.indexOf(ref))
                        .as(variant + ": " + name + " references $(" + ref + ")").isBetween(0, order.indexOf(name))));
            }
        }
    }

    @Test
    void secretGivenInValuesIsRenderedAndWiredIntoEveryService() {
        Manifests m = render(Map.of("secret.value", "0123456789abcdef0123456789abcdef",
                "secret.adminValue", "admin-secret-for-the-admin-api"));

        Map<String, Object> secret = m.get("Secret", PREFIX + "secret");
        Map<String, Object> data = map(secret.get("data"));
        assertThat(decode(data.get("secret"))).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(decode(data.get("admin-secret"))).isEqualTo("admin-secret-for-the-admin-api");
        assertSecretWiring(m, PREFIX + "secret", data.keySet());
    }

    @Test
    void withoutAValueTheSecretIsAPreInstallHookOfRandomCharactersAndStillWired() {
        // helm-java's template leaves hooks out of the manifest (as the Secret shows up only at install), so the
        // hook itself is checked in the template source and the wiring in the rendered objects.
        Manifests m = render(Map.of());
        assertThat(m.ofKind("Secret")).isEmpty();
        assertSecretWiring(m, PREFIX + "secret", Set.of("secret", "admin-secret"));
        String template = DeployFiles.read(CHART.resolve("templates/secret.yaml"));
        assertThat(template).contains("helm.sh/hook: pre-install", "helm.sh/resource-policy: keep",
                "randAlphaNum 48");
    }

    @Test
    void anExistingSecretIsUsedAsItIs() {
        Manifests m = render(Map.of("secret.existingSecret", "ops-mediamesh"));

        assertThat(m.ofKind("Secret")).isEmpty();
        assertSecretWiring(m, "ops-mediamesh", Set.of("secret", "admin-secret"));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> render(Map.of("secret.value", "short")))
                .hasMessageContaining("at least 16 characters");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyServiceJoinsOneHazelcastClusterThroughTheHeadlessService(String variant, Manifests m) {
        Map<String, Object> service = m.get("Service", PREFIX + "hazelcast");
        assertThat(at(service, "spec.clusterIP")).isEqualTo("None");
        assertThat(at(service, "spec.publishNotReadyAddresses")).isEqualTo(true);
        Map<String, Object> selector = map(at(service, "spec.selector"));
        Object servicePort = map(list(at(service, "spec.ports")).get(0)).get("port");
        for (Map<String, Object> workload : m.workloads()) {
            assertThat(podLabels(workload)).as(variant + ": " + name(workload)).containsAllEntriesOf(selector);
            for (Map<String, Object> c : containers(workload)) {
                Map<String, String> env = env(c);
                assertThat(env).as(name(workload)).containsEntry("MEDIAMESH_CLUSTER_ENABLED", "true")
                        .containsEntry("MEDIAMESH_CLUSTER_CLUSTERNAME", "mediamesh")
                        .containsEntry("MEDIAMESH_CLUSTER_KUBERNETES_SERVICEDNS",
                                PREFIX + "hazelcast." + NAMESPACE + ".svc.cluster.local")
                        .doesNotContainKey("MEDIAMESH_CLUSTER_MEMBERS");
                assertThat(env.get("MEDIAMESH_CLUSTER_PORT")).isEqualTo(String.valueOf(servicePort));
                assertThat(port(c, "hazelcast").get("containerPort")).hasToString(env.get("MEDIAMESH_CLUSTER_PORT"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void servicesSelectPodsAndTargetTheirNamedPorts(String variant, Manifests m) {
        for (Map<String, Object> service : m.ofKind("Service")) {
            Map<String, Object> selector = map(at(service, "spec.selector"));
            List<Map<String, Object>> selected = m.workloads().stream()
                    .filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet())).toList();
            assertThat(selected).as(variant + ": pods of Service " + name(service)).isNotEmpty();
            for (Object p : list(at(service, "spec.ports"))) {
                Map<String, Object> servicePort = map(p);
                for (Map<String, Object> workload : selected) {
                    assertThat(containers(workload).stream().flatMap(c -> ports(c).stream())
                            .anyMatch(cp -> servicePort.get("targetPort").equals(cp.get("name"))
                                    && servicePort.get("protocol").equals(cp.get("protocol"))))
                            .as(variant + ": " + name(service) + " port " + servicePort + " on " + name(workload))
                            .isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void mediaNodesDrainOnTerminationAndAreDisruptedOneAtATime(String variant, Manifests m) {
        List<Map<String, Object>> nodes = mediaNodes(m);
        assertThat(nodes).isNotEmpty();
        for (Map<String, Object> node : nodes) {
            Map<String, Object> c = containers(node).get(0);
            assertThat(at(c, "lifecycle.preStop.exec.command")).isEqualTo(List.of("/app/bin/drain"));
            String drain = env(c).get("MEDIAMESH_NODE_DRAIN_TIMEOUT");
            assertThat(drain).matches("\\d+s");
            int drainSeconds = Integer.parseInt(drain.replace("s", ""));
            assertThat((Integer) podSpec(node).get("terminationGracePeriodSeconds"))
                    .as(variant).isGreaterThanOrEqualTo(drainSeconds + 10);
            assertThat(env(c).get("MEDIAMESH_NODE_PUBLICURL")).isEqualTo("http://$(POD_IP):" + env(c).get("SERVER_PORT"));
            assertThat(env(c)).containsEntry("START_PEERS_DNS", PREFIX + "media-node." + NAMESPACE + ".svc.cluster.local");
        }
        Map<String, Object> pdb = m.get("PodDisruptionBudget", PREFIX + "media-node");
        assertThat(at(pdb, "spec.maxUnavailable")).isEqualTo(1);
        assertThat(podLabels(nodes.get(0))).containsAllEntriesOf(map(at(pdb, "spec.selector.matchLabels")));
    }

    @Test
    void multiZoneValuesGiveEachZoneItsMediaNodesGatewaysAndZoneId() {
        Manifests m = render(WITH_OPTIONAL, MULTIZONE);
        Map<String, Object> values = DeployFiles.document(MULTIZONE);

        Map<Integer, Integer> nodesPerZone = new HashMap<>();
        for (Object z : list(values.get("zones"))) {
            Map<String, Object> zone = map(z);
            int id = (Integer) zone.get("id");
            Map<String, Object> sts = m.get("StatefulSet", PREFIX + "media-node-z" + id);
            assertThat(at(sts, "spec.replicas")).isEqualTo(zone.get("mediaNodes"));
            nodesPerZone.put(id, (Integer) zone.get("mediaNodes"));
            assertThat(map(podSpec(sts).get("nodeSelector"))).containsEntry("topology.kubernetes.io/zone", zone.get("name"));
            Map<String, Object> c = containers(sts).get(0);
            assertThat(env(c)).containsEntry("MEDIAMESH_NODE_ZONE", String.valueOf(id))
                    .containsEntry("START_INDEX_FROM", "ordinal").containsEntry("START_INDEX_BASE", "1")
                    .containsEntry("START_ADVERTISE", "nodeExternalIP");
            assertThat(port(c, "webrtc").get("hostPort")).isEqualTo(port(c, "webrtc").get("containerPort"));
            assertThat(port(c, "webrtc").get("containerPort")).hasToString(env(c).get("MEDIAMESH_NODE_UDP_PORT"));
            assertThat(Manifests.initContainers(sts)).singleElement()
                    .satisfies(init -> assertThat(String.valueOf(init.get("command"))).contains("ExternalIP"));
            assertThat(podSpec(sts).get("serviceAccountName")).isEqualTo(PREFIX + "media-node");

            Map<String, Object> gateway = m.get("Deployment", PREFIX + "gateway-z" + id);
            assertThat(env(containers(gateway).get(0))).containsEntry("MEDIAMESH_GATEWAY_ZONE", String.valueOf(id));
            assertThat(map(podSpec(gateway).get("nodeSelector"))).containsEntry("topology.kubernetes.io/zone", zone.get("name"));
        }
        assertThat(at(m.get("Service", PREFIX + "gateway"), "spec.trafficDistribution")).isEqualTo("PreferClose");
        assertNodeIdsUnique(m, nodesPerZone);

        Map<String, Object> binding = m.get("ClusterRoleBinding", PREFIX + NAMESPACE + "-node-reader");
        assertThat(map(list(binding.get("subjects")).get(0))).containsEntry("name", PREFIX + "media-node");
        Map<String, Object> role = m.get("ClusterRole", PREFIX + NAMESPACE + "-node-reader");
        assertThat(map(list(role.get("rules")).get(0))).containsEntry("resources", List.of("nodes"))
                .containsEntry("verbs", List.of("get"));

        Map<String, Object> ingress = m.get("Ingress", "mm-mediamesh");
        List<Object> rules = list(at(ingress, "spec.rules"));
        assertThat(rules).extracting(r -> map(r).get("host")).containsExactly("media.example.com", "signaling.example.com");
        assertThat(at(map(list(at(map(rules.get(0)), "http.paths")).get(0)), "backend.service.name"))
                .isEqualTo(PREFIX + "gateway");
    }

    @Test
    void daemonSetModeRunsMediaNodesOnTheHostNetworkWithIndexesFromTheHostAddress() {
        Manifests m = render(Map.of("mediaNode.mode", "daemonset"));

        assertThat(m.ofKind("StatefulSet")).extracting(Manifests::name)
                .doesNotContain(PREFIX + "media-node-z1");
        Map<String, Object> ds = m.get("DaemonSet", PREFIX + "media-node-z1");
        assertThat(podSpec(ds)).containsEntry("hostNetwork", true).containsEntry("dnsPolicy", "ClusterFirstWithHostNet");
        Map<String, Object> c = containers(ds).get(0);
        assertThat(port(c, "webrtc")).doesNotContainKey("hostPort");
        assertThat(env(c)).containsEntry("START_INDEX_FROM", "hostIP");
    }

    @Test
    void invalidValuesAreRefusedWithAReason() {
        assertThatThrownBy(() -> render(Map.of("mediaNode.mode", "deployment")))
                .hasMessageContaining("mediaNode.mode must be statefulset or daemonset");
        assertThatThrownBy(() -> render(Map.of("mediaNode.terminationGracePeriodSeconds", 20)))
                .hasMessageContaining("at least drainTimeoutSeconds + 10");
        assertThatThrownBy(() -> render(Map.of("mediaNode.advertise.mode", "fixed")))
                .hasMessageContaining("advertisedAddresses is required");
        assertThatThrownBy(() -> render(Map.of(), testValues("values-duplicate-zone.yaml")))
                .hasMessageContaining("zone id 1 is used twice");
        assertThatThrownBy(() -> render(Map.of(), testValues("values-zone-zero.yaml")))
                .hasMessageContaining("id must be 1..16777215");
        assertThatThrownBy(() -> render(Map.of("rtmpIngest.indexBase", 250, "rtmpIngest.replicas", 10)))
                .hasMessageContaining("indexBase + replicas");
    }

    /** Media node indexes 1..n per zone; RTMP and SIP ranges must not meet them or each other. */
    private static void assertNodeIdsUnique(Manifests m, Map<Integer, Integer> nodesPerZone) {
        Set<Integer> ids = new HashSet<>();
        nodesPerZone.forEach((zone, count) -> {
            for (int index = 1; index <= count; index++) {
                assertThat(ids.add(zone << 8 | index)).isTrue();
            }
        });
        for (String member : List.of("rtmp-ingest", "sip-gateway")) {
            Map<String, Object> sts = m.get("StatefulSet", PREFIX + member);
            Map<String, String> env = env(containers(sts).get(0));
            int zone = Integer.parseInt(env.get("MEDIAMESH_NODE_ZONE"));
            int base = Integer.parseInt(env.get("START_INDEX_BASE"));
            for (int i = 0; i < (Integer) at(sts, "spec.replicas"); i++) {
                assertThat(ids.add(zone << 8 | (base + i))).as(member + " node id " + (zone << 8 | (base + i)))
                        .isTrue();
            }
        }
    }

    private static void assertSecretWiring(Manifests m, String secretName, Set<String> keys) {
        for (Map<String, Object> workload : m.workloads()) {
            for (Map<String, Object> c : containers(workload)) {
                String expected = Settings.SECRET_ENV.get(module(c));
                assertThat(envEntries(c)).as(name(workload) + " has " + expected).anySatisfy(e -> {
                    assertThat(e.get("name")).isEqualTo(expected);
                    assertThat(at(e, "valueFrom.secretKeyRef.key")).isEqualTo("secret");
                });
                for (Map<String, Object> e : envEntries(c)) {
                    Object ref = at(e, "valueFrom.secretKeyRef");
                    if (ref != null) {
                        assertThat(map(ref).get("name")).as(String.valueOf(e.get("name"))).isEqualTo(secretName);
                        assertThat(keys).contains(String.valueOf(map(ref).get("key")));
                    }
                    assertThat(String.valueOf(e.get("name")).endsWith("SECRET") && e.containsKey("value"))
                            .as(e.get("name") + " comes from the Secret, not a plain value").isFalse();
                }
            }
        }
    }

    static List<Map<String, Object>> mediaNodes(Manifests m) {
        return m.workloads().stream().filter(w -> "media-node".equals(podLabels(w).get("app.kubernetes.io/component")))
                .toList();
    }

    static String startScript(Manifests m) {
        return String.valueOf(at(m.get("ConfigMap", PREFIX + "start"), "data.start-overlay-member"));
    }

    private static Set<String> references(String value) {
        Set<String> result = new HashSet<>();
        if (value != null) {
            Matcher matcher = REFERENCE.matcher(value);
            while (matcher.find()) {
                result.add(matcher.group(1));
            }
        }
        return result;
    }

    private static String decode(Object base64) {
        return new String(Base64.getDecoder().decode(String.valueOf(base64)), StandardCharsets.UTF_8);
    }
}
