package io.mediamesh.sip.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The SIP gateway service: SIP on UDP and TCP 5060, HTTP for health, metrics and the call API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SipGatewayApplication {
    public static void main(String[] args) {
        SpringApplication.run(SipGatewayApplication.class, args);
    }
}
