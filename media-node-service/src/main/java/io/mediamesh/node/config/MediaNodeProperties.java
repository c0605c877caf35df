package io.mediamesh.node.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of a media node. Every one is also an environment variable: {@code mediamesh.node.udp-port} is
 * {@code MEDIAMESH_NODE_UDP_PORT}, and so on.
 *
 * @param secret the cluster secret; tokens signed with it are accepted (HS256)
 * @param udpPort the one UDP port every WebRTC session shares (ICE, DTLS, SRTP)
 * @param advertisedAddresses addresses put in SDP candidates (for NAT or Kubernetes); empty means this host's
 *     IPv4 addresses, loopback included
 * @param iceConnectTimeout how long a new session may wait for ICE to connect before it is closed
 * @param consentTimeout how long a connected session lives without a consent check from its peer (RFC 7675)
 * @param dtlsHandshakeThreads upper bound of concurrent DTLS handshakes (each blocks one thread of its own pool)
 * @param publisherMaxBitrate the bitrate (bps) announced to publishers in REMB, the cap on what they send
 * @param retransmissionCachePackets packets kept per published video track to answer NACKs
 */
@Validated
@ConfigurationProperties("mediamesh.node")
public record MediaNodeProperties(
        @NotBlank @DefaultValue("insecure") String secret,
        @Min(1) @Max(65535) @DefaultValue("10000") int udpPort,
        @DefaultValue("") List<String> advertisedAddresses,
        @DefaultValue("30s") Duration iceConnectTimeout,
        @DefaultValue("30s") Duration consentTimeout,
        @Min(1) @Max(1024) @DefaultValue("64") int dtlsHandshakeThreads,
        @Min(30_000) @DefaultValue("2500000") long publisherMaxBitrate,
        @Min(0) @Max(32768) @DefaultValue("1024") int retransmissionCachePackets) {
}
