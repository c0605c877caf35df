package io.mediamesh.sip.gateway;

import io.mediamesh.model.ids.RoomId;
import io.mediamesh.sip.auth.DigestAlgorithm;
import io.mediamesh.sip.gateway.call.Cidr;
import io.mediamesh.sip.gateway.call.EngineSettings;
import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransportKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cross-field checks of {@link SipGatewayProperties}, each failure naming its key, all reported at once.
 */
final class SettingsCheck {
    private SettingsCheck() {
    }

    /** The checked settings for the engine; {@code boundPort} is the SIP port actually bound. */
    static EngineSettings engineSettings(SipGatewayProperties p, int boundPort) {
        List<String> errors = new ArrayList<>();
        List<Cidr> networks = new ArrayList<>();
        for (String network : p.allowedNetworks()) {
            try {
                networks.add(Cidr.parse(network));
            } catch (IllegalArgumentException e) {
                errors.add("mediamesh.sip.allowed-networks: " + e.getMessage());
            }
        }
        algorithms(p, errors);
        if (!p.advertisedAddress().matches("[0-9a-fA-F:.]+")) {
            errors.add("mediamesh.sip.advertised-address: '" + p.advertisedAddress()
                    + "' must be an IP literal (it goes into SDP c= lines)");
        }
        Set<String> users = new HashSet<>();
        for (SipGatewayProperties.Account account : p.accounts()) {
            if (!users.add(account.user())) {
                errors.add("mediamesh.sip.accounts: user '" + account.user() + "' is listed twice");
            }
            if (!account.user().matches("[A-Za-z0-9._+-]{1,64}")) {
                errors.add("mediamesh.sip.accounts: user '" + account.user() + "' must be 1-64 of [A-Za-z0-9._+-]");
            }
        }
        for (Map.Entry<String, String> rule : p.rooms().entrySet()) {
            try {
                new RoomId(rule.getValue());
            } catch (IllegalArgumentException e) {
                errors.add("mediamesh.sip.rooms." + rule.getKey() + ": " + e.getMessage());
            }
        }
        url("mediamesh.sip.auth-hook", p.authHook(), errors);
        url("mediamesh.sip.dial-plan-hook", p.dialPlanHook(), errors);
        url("mediamesh.sip.webhook", p.webhook(), errors);
        Optional<EngineSettings.TrunkRoute> trunk = Optional.empty();
        SipGatewayProperties.Trunk t = p.trunk();
        if (t.configured()) {
            TransportKind transport = TransportKind.fromVia(t.transport());
            if (transport != TransportKind.UDP && transport != TransportKind.TCP) {
                errors.add("mediamesh.sip.trunk.transport: '" + t.transport() + "' must be udp or tcp");
            }
            if (!t.user().isBlank() && t.password().isBlank()) {
                errors.add("mediamesh.sip.trunk.password: needed with mediamesh.sip.trunk.user");
            }
            trunk = Optional.of(new EngineSettings.TrunkRoute(new Endpoint(transport, t.host(), t.port()),
                    t.domain().isBlank() ? t.host() : t.domain(), t.user(), t.password()));
        }
        if (p.nonceLifetime().isNegative() || p.nonceLifetime().isZero()) {
            errors.add("mediamesh.sip.nonce-lifetime: must be positive");
        }
        if (p.inviteTimeout().toMillis() < 1000) {
            errors.add("mediamesh.sip.invite-timeout: must be at least 1s");
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid SIP gateway settings:\n  " + String.join("\n  ", errors));
        }
        return new EngineSettings(p.advertisedAddress(), boundPort, p.opus(), p.registerExpiry(), networks, trunk,
                p.inviteTimeout().toMillis(), 500);
    }

    static List<DigestAlgorithm> algorithms(SipGatewayProperties p, List<String> errors) {
        List<DigestAlgorithm> out = new ArrayList<>();
        for (String token : p.digestAlgorithms()) {
            DigestAlgorithm algorithm = DigestAlgorithm.fromToken(token);
            if (algorithm == null || token.isBlank()) {
                errors.add("mediamesh.sip.digest-algorithms: '" + token + "' is not SHA-256 or MD5");
            } else if (!out.contains(algorithm)) {
                out.add(algorithm);
            }
        }
        if (out.isEmpty() && errors.isEmpty()) {
            errors.add("mediamesh.sip.digest-algorithms: at least one of SHA-256, MD5");
        }
        return out;
    }

    private static void url(String key, String value, List<String> errors) {
        if (value.isBlank()) {
            return;
        }
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(key + ": '" + value + "' must be an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            errors.add(key + ": '" + value + "' is not a URL");
        }
    }
}
