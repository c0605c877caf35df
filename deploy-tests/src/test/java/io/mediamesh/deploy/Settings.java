package io.mediamesh.deploy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which environment names each service reads. A module of this checkout is read from its code and application.yml
 * ({@link ServiceSettings}); a service whose module has not landed yet is held to the names its deployment files
 * use by convention ({@link #PENDING}), listed here so that the day the module lands its real settings replace them
 * and any mismatch fails these tests.
 */
final class Settings {
    private static final Set<String> CLUSTER = Set.of("MEDIAMESH_CLUSTER_ENABLED", "MEDIAMESH_CLUSTER_CLUSTERNAME",
            "MEDIAMESH_CLUSTER_MEMBERS", "MEDIAMESH_CLUSTER_PORT", "MEDIAMESH_CLUSTER_PORTAUTOINCREMENT",
            "MEDIAMESH_CLUSTER_KUBERNETES_SERVICEDNS", "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "SERVER_PORT");
    private static final Set<String> OVERLAY_MEMBER = Set.of("MEDIAMESH_NODE_SECRET", "MEDIAMESH_NODE_ZONE",
            "MEDIAMESH_NODE_INDEX", "MEDIAMESH_NODE_OVERLAY_PORT", "MEDIAMESH_NODE_OVERLAY_ADVERTISED_ADDRESS",
            "MEDIAMESH_NODE_OVERLAY_SEEDS");

    /** Names by convention for the services being written now (to check when each module lands). */
    static final Map<String, Set<String>> PENDING = Map.of();

    /** The secret variable each service takes the cluster secret from. */
    static final Map<String, String> SECRET_ENV = Map.of(
            "gateway-service", "MEDIAMESH_GATEWAY_SECRET",
            "media-node-service", "MEDIAMESH_NODE_SECRET",
            "signaling-service", "MEDIAMESH_SIGNALING_SECRET",
            "rtmp-ingest", "MEDIAMESH_RTMP_SECRET",
            "sip-gateway", "MEDIAMESH_SIP_SECRET");

    private static final Map<String, Catalog> CACHE = new HashMap<>();

    private Settings() {
    }

    /** What {@code module} reads. */
    static synchronized Catalog of(String module) {
        return CACHE.computeIfAbsent(module, m -> {
            if (DeployFiles.moduleExists(m)) {
                ServiceSettings settings = ServiceSettings.of(m);
                return settings::reads;
            }
            Set<String> names = PENDING.get(m);
            if (names == null) {
                throw new IllegalStateException("unknown service module " + m);
            }
            return names::contains;
        });
    }

    /** A service's settings as environment names. */
    interface Catalog {
        boolean reads(String env);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> result = new java.util.HashSet<>(a);
        result.addAll(b);
        return Set.copyOf(result);
    }
}
