package io.mediamesh.sip.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the SIP gateway, {@code mediamesh.sip.*} (environment {@code MEDIAMESH_SIP_PORT}, ...). Cross-field
 * rules (CIDR syntax, hook URLs, a trunk's host) are checked by {@link SettingsCheck} at start-up with a message
 * naming the key.
 *
 * @param port              UDP and TCP port of SIP (0: any free port, UDP first, TCP on the same number)
 * @param tcp               whether to listen on TCP as well
 * @param advertisedAddress the address phones reach us at, in Via, Contact and SDP (an IP literal)
 * @param secret            the cluster secret: the admin API wants {@code Authorization: Bearer <secret>}
 * @param realm             the digest realm of REGISTER challenges
 * @param digestAlgorithms  the challenge algorithms, most preferred first (SHA-256, MD5)
 * @param nonceLifetime     how long a nonce is good for; an older one gets {@code stale=true}
 * @param maxAuthFailures   wrong credentials in a row (per user and source) answered 401 before 403
 * @param registerExpiry    the longest registration granted, seconds
 * @param accounts          user/password pairs allowed to REGISTER
 * @param authHook          URL asked {@code GET ?user=} for a password (JSON {@code {"password":...}}) when the
 *                          user is not in {@code accounts}; empty: none
 * @param allowedNetworks   CIDR blocks whose INVITEs need no registration
 * @param rooms             the static dial plan: dialled number → room
 * @param dialPlanHook      URL asked (POST) for numbers not in {@code rooms}; empty: none
 * @param webhook           URL receiving call events (POST JSON); empty: none
 * @param trunk             the trunk outgoing calls to numbers go through
 * @param opus              whether to offer and accept Opus besides PCMU and PCMA
 * @param inviteTimeout     how long an incoming INVITE may wait for the dial-plan hook, an outgoing one for an answer
 */
@Validated
@ConfigurationProperties("mediamesh.sip")
public record SipGatewayProperties(
        @DefaultValue("5060") @Min(0) @Max(65535) int port,
        @DefaultValue("true") boolean tcp,
        @DefaultValue("127.0.0.1") @NotBlank String advertisedAddress,
        @DefaultValue("insecure") @NotBlank String secret,
        @DefaultValue("mediamesh") @NotBlank String realm,
        @DefaultValue({"SHA-256", "MD5"}) @NotNull List<String> digestAlgorithms,
        @DefaultValue("300s") @NotNull Duration nonceLifetime,
        @DefaultValue("3") @Min(1) @Max(100) int maxAuthFailures,
        @DefaultValue("3600") @Min(60) int registerExpiry,
        @DefaultValue @Valid List<Account> accounts,
        @DefaultValue("") String authHook,
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue Map<String, String> rooms,
        @DefaultValue("") String dialPlanHook,
        @DefaultValue("") String webhook,
        @DefaultValue @Valid Trunk trunk,
        @DefaultValue("false") boolean opus,
        @DefaultValue("30s") @NotNull Duration inviteTimeout) {

    /** A SIP account: the digest user name and its password. */
    public record Account(@NotBlank String user, @NotBlank String password) {
        @Override
        public String toString() {
            return "Account[" + user + "]"; // never the password
        }
    }

    /**
     * The trunk (a PBX or carrier) numbers are dialled through.
     *
     * @param host     host or IP of the trunk; empty: no trunk
     * @param domain   the domain of Request-URIs, default the host
     * @param user     the digest user for 401/407 challenges; empty: none
     * @param password its password
     */
    public record Trunk(
            @DefaultValue("") String host,
            @DefaultValue("5060") @Min(1) @Max(65535) int port,
            @DefaultValue("udp") String transport,
            @DefaultValue("") String domain,
            @DefaultValue("") String user,
            @DefaultValue("") String password) {

        public boolean configured() {
            return !host.isBlank();
        }

        @Override
        public String toString() {
            return "Trunk[" + host + ":" + port + "/" + transport + ", user " + user + "]";
        }
    }
}
