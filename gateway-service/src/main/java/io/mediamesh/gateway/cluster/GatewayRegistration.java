package io.mediamesh.gateway.cluster;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.gateway.config.GatewayProperties;
import io.mediamesh.model.cluster.GatewayInfo;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * This gateway's entry in the cluster's gateway registry, so gateways of other zones can hand it requests for its
 * zone: registered once the HTTP port is known, refreshed every 2 s (the entry expires on its own if this process
 * dies), removed on shutdown. Its identity ({@link #self()}) is also what the router uses without a cluster.
 */
public final class GatewayRegistration implements ApplicationListener<WebServerInitializedEvent>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayRegistration.class);
    private static final long HEARTBEAT_MILLIS = 2_000;

    private final ClusterState state;
    private final GatewayProperties properties;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gateway-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile GatewayInfo self;

    /** @param state null when the cluster is disabled */
    public GatewayRegistration(ClusterState state, GatewayProperties properties) {
        this.state = state;
        this.properties = properties;
        this.self = new GatewayInfo(properties.effectiveId(), properties.zone(),
                properties.advertisedUrlOr(8080), System.currentTimeMillis());
    }

    /** This gateway: id, zone and the URL other gateways reach it at. */
    public GatewayInfo self() {
        return self;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (!started.compareAndSet(false, true)) {
            return; // a second web server (e.g. a separate management port) is not the gateway's address
        }
        self = new GatewayInfo(properties.effectiveId(), properties.zone(),
                properties.advertisedUrlOr(event.getWebServer().getPort()), System.currentTimeMillis());
        if (state == null) {
            return;
        }
        heartbeat.scheduleWithFixedDelay(this::beat, 0, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        log.info("gateway {} of zone {} registered at {}", self.id(), self.zone(), self.url());
    }

    private void beat() {
        try {
            self = self.seenAt(System.currentTimeMillis());
            state.registerGateway(self);
        } catch (RuntimeException e) {
            log.warn("gateway heartbeat failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        if (state != null) {
            try {
                state.removeGateway(self.id());
            } catch (RuntimeException e) {
                log.debug("removing the gateway entry on shutdown: {}", e.toString());
            }
        }
    }
}
