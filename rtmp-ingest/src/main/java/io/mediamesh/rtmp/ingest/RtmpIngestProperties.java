package io.mediamesh.rtmp.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the RTMP ingest, {@code mediamesh.rtmp.*} (environment {@code MEDIAMESH_RTMP_PORT}, ...).
 *
 * @param port        TCP port encoders connect to
 * @param secret      the cluster secret: stream keys are tokens signed with it, and it keys the overlay
 * @param application the RTMP application name in {@code rtmp://host/<application>/<stream key>}
 * @param opusBitrate bits per second of the Opus audio made from the encoder's AAC
 * @param maxPayload  largest RTP payload of a video packet (FU-A fragments above it)
 * @param threads     event-loop threads for connections and the overlay (transcoding runs on them)
 */
@Validated
@ConfigurationProperties("mediamesh.rtmp")
public record RtmpIngestProperties(
        @DefaultValue("1935") @Min(0) @Max(65535) int port,
        @DefaultValue("insecure") @NotBlank String secret,
        @DefaultValue("live") @NotBlank String application,
        @DefaultValue("64000") @Min(6000) @Max(510000) int opusBitrate,
        @DefaultValue("1200") @Min(200) @Max(1400) int maxPayload,
        @DefaultValue("1") @Min(1) @Max(64) int threads) {
}
