package io.mediamesh.signaling.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the signalling service ({@code mediamesh.signaling.*}; environment {@code MEDIAMESH_SIGNALING_SECRET},
 * {@code MEDIAMESH_SIGNALING_ZONE}, {@code MEDIAMESH_SIGNALING_STATSINTERVAL}, ...).
 *
 * @param secret        the cluster secret: verifies {@code webrtc} tokens and authenticates to the media nodes
 * @param zone          the zone whose media nodes are preferred for new peers
 * @param statsInterval how often joined peers get {@code receiver.stats}; 0 for never
 * @param selection     the limits above which a media node takes no new peer
 */
@Validated
@ConfigurationProperties("mediamesh.signaling")
public record SignalingProperties(
        @DefaultValue("insecure") @NotBlank String secret,
        @DefaultValue("0") @Min(0) int zone,
        @DefaultValue("2s") @NotNull Duration statsInterval,
        @DefaultValue Selection selection) {

    /** When a media node is too loaded (or silent) to take a new peer. */
    public record Selection(
            @DefaultValue("0.85") @DecimalMin("0.0") @DecimalMax("1.0") double maxCpu,
            @DefaultValue("1000") @Min(1) int maxSessions,
            @DefaultValue("0") @Min(0) long maxBandwidthBps,
            @DefaultValue("6s") @NotNull Duration heartbeatTimeout) {

        public io.mediamesh.cluster.select.Thresholds thresholds() {
            return new io.mediamesh.cluster.select.Thresholds(maxCpu, maxSessions, maxBandwidthBps,
                    heartbeatTimeout.toMillis());
        }
    }
}
