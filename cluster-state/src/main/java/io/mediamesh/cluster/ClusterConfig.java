package io.mediamesh.cluster;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the embedded cluster member, bound from {@code mediamesh.cluster.*} (environment:
 * {@code MEDIAMESH_CLUSTER_ENABLED}, {@code MEDIAMESH_CLUSTER_MEMBERS}, ...). Every component may be null and then
 * takes the default named below, so a Spring {@code Binder} can create it from a partial configuration.
 *
 * @param enabled           whether the service joins a cluster at all; default false (single-node platform)
 * @param clusterName       members only join a cluster of the same name; default {@value #DEFAULT_NAME}
 * @param bindAddress       the local address to listen on and advertise, e.g. {@code 127.0.0.1} on one machine;
 *                          default null: Hazelcast picks an interface
 * @param port              the member port; default 5701
 * @param portAutoIncrement try the next ports when {@code port} is taken (several services on one machine);
 *                          default true
 * @param members           TCP-IP join list {@code host[:port]}; ignored when Kubernetes discovery is on
 * @param kubernetes        Kubernetes DNS discovery (Hazelcast's built-in kubernetes join); off when its
 *                          {@code serviceDns} is blank
 * @param backupCount       synchronous backups of every map; default 1
 * @param heartbeatInterval Hazelcast member heartbeat; default 2 s (whole seconds, at least 1)
 * @param failureTimeout    a member silent this long is declared dead and its nodes' entries are removed; default
 *                          15 s (whole seconds)
 * @param joinWait          how long a starting member waits for others before forming a cluster alone; default 5 s,
 *                          0 in tests that start members one after another
 * @param nodeTtl           lifetime of a node registry entry without a heartbeat; default 10 s
 */
public record ClusterConfig(Boolean enabled, String clusterName, String bindAddress, Integer port,
        Boolean portAutoIncrement, List<String> members, Kubernetes kubernetes, Integer backupCount,
        Duration heartbeatInterval, Duration failureTimeout, Duration joinWait, Duration nodeTtl) {

    public static final String DEFAULT_NAME = "mediamesh";

    /**
     * Kubernetes discovery through a headless service's DNS name ({@code mediamesh-cluster.media.svc.cluster.local}).
     *
     * @param serviceDns        the headless service DNS name; blank disables Kubernetes discovery
     * @param serviceDnsTimeout DNS lookup timeout; default 5 s
     */
    public record Kubernetes(String serviceDns, Duration serviceDnsTimeout) {

        public Kubernetes {
            serviceDnsTimeout = serviceDnsTimeout == null ? Duration.ofSeconds(5) : serviceDnsTimeout;
            if (serviceDnsTimeout.isNegative() || serviceDnsTimeout.isZero()) {
                throw new IllegalArgumentException("mediamesh.cluster.kubernetes.service-dns-timeout must be positive");
            }
        }

        boolean enabled() {
            return serviceDns != null && !serviceDns.isBlank();
        }
    }

    public ClusterConfig {
        enabled = enabled != null && enabled;
        clusterName = clusterName == null || clusterName.isBlank() ? DEFAULT_NAME : clusterName.trim();
        bindAddress = bindAddress == null || bindAddress.isBlank() ? null : bindAddress.trim();
        port = port == null ? 5701 : port;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("mediamesh.cluster.port must be between 1 and 65535, was " + port);
        }
        portAutoIncrement = portAutoIncrement == null || portAutoIncrement;
        members = members == null ? List.of()
                : members.stream().filter(m -> m != null && !m.isBlank()).map(String::trim).toList();
        kubernetes = kubernetes == null ? new Kubernetes(null, null) : kubernetes;
        if (kubernetes.enabled() && !members.isEmpty()) {
            throw new IllegalArgumentException(
                    "set either mediamesh.cluster.members or mediamesh.cluster.kubernetes.service-dns, not both");
        }
        backupCount = backupCount == null ? 1 : backupCount;
        if (backupCount < 0 || backupCount > 6) {
            throw new IllegalArgumentException("mediamesh.cluster.backup-count must be between 0 and 6");
        }
        heartbeatInterval = positive("heartbeat-interval", heartbeatInterval, Duration.ofSeconds(2));
        failureTimeout = positive("failure-timeout", failureTimeout, Duration.ofSeconds(15));
        if (failureTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(
                    "mediamesh.cluster.failure-timeout must be at least twice the heartbeat interval");
        }
        joinWait = joinWait == null ? Duration.ofSeconds(5) : joinWait;
        if (joinWait.isNegative()) {
            throw new IllegalArgumentException("mediamesh.cluster.join-wait must not be negative");
        }
        nodeTtl = positive("node-ttl", nodeTtl, Duration.ofSeconds(10));
    }

    /** The defaults: disabled, TCP-IP join with no other member. */
    public static ClusterConfig defaults() {
        return new ClusterConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether members are found by Kubernetes DNS rather than the TCP-IP list. */
    public boolean kubernetesDiscovery() {
        return kubernetes.enabled();
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative() || result.isZero()) {
            throw new IllegalArgumentException("mediamesh.cluster." + name + " must be positive");
        }
        return result;
    }
}
