package io.mediamesh.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
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
 * @param adminSecret  the Bearer credential of the admin API {@code /api/admin/**}; null or blank means the same as
 *                     {@code secret}
 * @param zone         the zone this gateway serves (24-bit, atm0s convention): new sessions go to a media node of
 *                     this zone first, and to the best node of another zone only when none here can take them
 * @param selection    when a media node counts as unable to take new sessions
 * @param id           this gateway's id in the cluster's gateway registry; blank = {@code gw-<zone>-<random>}
 * @param advertisedUrl the base URL gateways of other zones reach this one at; null = {@code http://127.0.0.1:<port>}
 * @param zoneDistances how far other zones are, {@code zone=distance,...} (e.g. {@code 2=10,3=40}); zones not listed
 *                     are {@code |zone - this zone|} away; used to pick the nearest zone when this one cannot serve
 */
@ConfigurationProperties(GatewayProperties.PREFIX)
@Validated
public record GatewayProperties(
        @DefaultValue(INSECURE_SECRET) @NotBlank String secret,
        @DefaultValue("http://127.0.0.1:8081") @NotNull URI mediaNodeUrl,
        URI publicUrl,
        String adminSecret,
        @DefaultValue("0") @Min(0) @Max(0xffffff) int zone,
        @DefaultValue @Valid Selection selection,
        @Pattern(regexp = "|[A-Za-z0-9_.-]{1,64}", message = "must be 1-64 letters, digits, '-', '_' or '.'") String id,
        URI advertisedUrl,
        String zoneDistances) {

    public static final String PREFIX = "mediamesh.gateway";

    /** The well-known default secret, the same as atm0s's, so anyone can mint tokens for a server left on it. */
    public static final String INSECURE_SECRET = "insecure";

    /**
     * Overload thresholds and heartbeat freshness for media node selection ({@code mediamesh.gateway.selection.*}).
     *
     * @param maxCpu           a node at or above this CPU share (0..1) takes no new session
     * @param maxSessions      a node with this many sessions or more takes no new session
     * @param maxBandwidthBps  a node at or above this bandwidth takes no new session; 0 means no limit
     * @param heartbeatTimeout a node whose last heartbeat is older is considered gone (three missed 2 s beats)
     */
    public record Selection(
            @DefaultValue("0.85") @DecimalMin("0.0") @DecimalMax("1.0") double maxCpu,
            @DefaultValue("1000") @Min(1) int maxSessions,
            @DefaultValue("0") @Min(0) long maxBandwidthBps,
            @DefaultValue("6s") @NotNull Duration heartbeatTimeout) {

        /** These limits as the node selector takes them. */
        public io.mediamesh.cluster.select.Thresholds thresholds() {
            return new io.mediamesh.cluster.select.Thresholds(maxCpu, maxSessions, maxBandwidthBps,
                    heartbeatTimeout.toMillis());
        }
    }

    /** The admin API's credential: {@code adminSecret}, or the cluster secret when none is set. */
    public String effectiveAdminSecret() {
        return adminSecret == null || adminSecret.isBlank() ? secret : adminSecret;
    }

    /** The configured id, or one generated once per process. */
    public String effectiveId() {
        return id == null || id.isBlank() ? GeneratedId.VALUE.formatted(zone) : id;
    }

    /** The advertised URL, or loopback with {@code port} when none is configured. */
    public String advertisedUrlOr(int port) {
        return advertisedUrl == null ? "http://127.0.0.1:" + port : advertisedUrl.toString();
    }

    /** One random id suffix per process, so a restarted gateway is a new registry entry. */
    private static final class GeneratedId {
        static final String VALUE = "gw-%d-" + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 16);
    }

    /** Whether the secret is still the public default. */
    public boolean usesInsecureSecret() {
        return INSECURE_SECRET.equals(secret);
    }
}
