package io.mediamesh.node.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Builds the node's {@link NodeDrain} and runs it at shutdown: the context-closed event comes before any lifecycle
 * bean stops, so the HTTP server still answers (503 to new sessions, PATCH and DELETE to running ones) and the media
 * node still forwards while this waits, at most {@code mediamesh.node.drain-timeout}. Starting a drain marks the node
 * draining in the cluster registry (when the cluster is on) and turns readiness to {@code REFUSING_TRAFFIC}.
 */
final class NodeDrainLifecycle {

    private final NodeDrain drain;

    NodeDrainLifecycle(DrainProperties properties, MeterRegistry meters,
            ObjectProvider<NodeRegistrationLifecycle> registration, ApplicationEventPublisher events) {
        this.drain = new NodeDrain(properties.drainTimeout(), () -> sessions(meters), () -> {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
            registration.ifAvailable(NodeRegistrationLifecycle::drain);
        });
    }

    NodeDrain drain() {
        return drain;
    }

    @EventListener(ContextClosedEvent.class)
    void drainBeforeStopping() {
        drain.start().join();
    }

    private static int sessions(MeterRegistry meters) {
        Gauge gauge = meters.find("mediamesh.sessions").gauge();
        return gauge == null ? 0 : (int) gauge.value();
    }
}
