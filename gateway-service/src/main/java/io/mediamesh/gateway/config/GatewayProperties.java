package io.mediamesh.gateway.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the gateway, bound from {@code mediamesh.gateway.*} (environment: {@code MEDIAMESH_GATEWAY_SECRET},
 * {@code MEDIAMESH_GATEWAY_MEDIANODEURL}, {@code MEDIAMESH_GATEWAY_PUBLICURL}).
 *
 * @param secret       the cluster secret: the Bearer credential of the token API and the key material of every
 *                     media token. The default {@value #INSECURE_SECRET} is for local demos only and is logged as a
 *                     warning at start.
 * @param mediaNodeUrl the base URL of the media node that receives {@code /whip/**} and {@code /whep/**}; the routes
 *                     in {@code application.yml} read the same property.
 * @param publicUrl    the URL browsers use to reach this gateway, only printed at start; null when unknown.
 */
@ConfigurationProperties(GatewayProperties.PREFIX)
@Validated
public record GatewayProperties(
        @DefaultValue(INSECURE_SECRET) @NotBlank String secret,
        @DefaultValue("http://127.0.0.1:8081") @NotNull URI mediaNodeUrl,
        URI publicUrl) {

    public static final String PREFIX = "mediamesh.gateway";

    /** The well-known default secret, the same as atm0s's, so anyone can mint tokens for a server left on it. */
    public static final String INSECURE_SECRET = "insecure";

    /** Whether the secret is still the public default. */
    public boolean usesInsecureSecret() {
        return INSECURE_SECRET.equals(secret);
    }
}
