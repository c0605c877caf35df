package io.mediamesh.node.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a draining media node lets its running sessions continue before it stops
 * ({@code mediamesh.node.drain-timeout}, environment {@code MEDIAMESH_NODE_DRAIN_TIMEOUT}; default 30 s). A
 * Kubernetes pod's {@code terminationGracePeriodSeconds} must be longer.
 */
@ConfigurationProperties("mediamesh.node")
public record DrainProperties(@DefaultValue("30s") Duration drainTimeout) {
}
