package io.mediamesh.node.cluster;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.node.MediaNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Ties {@link NodeRegistration} to the Spring lifecycle, in the order a drain needs:
 *
 * <ol>
 *   <li>application ready (HTTP port known, media node started): register and start heartbeats;</li>
 *   <li>drain ({@link NodeDrainLifecycle}: {@code POST /internal/drain} or context closing, before any lifecycle
 *       bean stops): mark draining, so gateways stop choosing this node while its sessions finish;</li>
 *   <li>destroy, before the cluster state and the Hazelcast member it depends on: remove the node.</li>
 * </ol>
 *
 * Load: sessions from the media node's {@code mediamesh.sessions} gauge, CPU from {@link ProcessCpu}; bandwidth is
 * not measured yet (0). The overlay address comes from {@code mediamesh.node.overlay-address} when set.
 */
final class NodeRegistrationLifecycle implements DisposableBean {

    private final ClusterState state;
    private final NodeIdentity identity;
    private final MediaNode node;
    private final MeterRegistry meters;
    private final Environment environment;
    private volatile NodeRegistration registration;

    NodeRegistrationLifecycle(ClusterState state, NodeIdentity identity, MediaNode node, MeterRegistry meters,
            Environment environment) {
        this.state = state;
        this.identity = identity;
        this.node = node;
        this.meters = meters;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        int port = environment.getProperty("local.server.port", Integer.class,
                environment.getProperty("server.port", Integer.class, 8080));
        List<String> candidates = node.candidates().stream().map(NodeRegistrationLifecycle::hostPort).toList();
        registration = new NodeRegistration(state, identity, identity.httpUrl(port), candidates,
                node.cluster() != null ? node.cluster().overlayAddress()
                        : environment.getProperty("mediamesh.node.overlay-address"), this::sessions, () -> 0L,
                new ProcessCpu(), System::currentTimeMillis);
        registration.start();
    }

    void drain() {
        NodeRegistration current = registration;
        if (current != null) {
            current.drain();
        }
    }

    @Override
    public void destroy() {
        NodeRegistration current = registration;
        if (current != null) {
            current.close();
        }
    }

    /** The registration once the application is ready; null before. */
    NodeRegistration registration() {
        return registration;
    }

    private int sessions() {
        Gauge gauge = meters.find("mediamesh.sessions").gauge();
        return gauge == null ? 0 : (int) gauge.value();
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
