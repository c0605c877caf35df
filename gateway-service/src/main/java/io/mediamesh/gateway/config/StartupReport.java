package io.mediamesh.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the operator, once the server listens, where the demo pages are and whether the secret is unsafe. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final GatewayProperties properties;
    private final Environment environment;

    StartupReport(GatewayProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        if (properties.usesInsecureSecret()) {
            log.warn("******************************************************************************");
            log.warn("mediamesh.gateway.secret is the public default '{}': anyone can mint tokens.",
                    GatewayProperties.INSECURE_SECRET);
            log.warn("Set MEDIAMESH_GATEWAY_SECRET to a long random value before exposing this server.");
            log.warn("******************************************************************************");
        }
        String base = properties.publicUrl() != null
                ? properties.publicUrl().toString().replaceAll("/+$", "")
                : "http://localhost:" + environment.getProperty("local.server.port", "8080");
        log.info("Media node: {}; demo pages: {}/samples/", properties.mediaNodeUrl(), base);
    }
}
