package io.mediamesh.sip.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.sip.gateway.call.EngineSettings;
import io.mediamesh.sip.transaction.TransportKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

    static SipGatewayProperties properties(List<String> algorithms, List<String> networks, Map<String, String> rooms,
            String webhook, SipGatewayProperties.Trunk trunk, String advertised) {
        return new SipGatewayProperties(5060, true, advertised, "secret", "realm", algorithms, Duration.ofSeconds(300),
                3, 3600, List.of(new SipGatewayProperties.Account("a", "pw"),
                        new SipGatewayProperties.Account("a", "pw2")),
                "", networks, rooms, "", webhook, trunk, false, Duration.ofSeconds(30));
    }

    private static final SipGatewayProperties.Trunk NO_TRUNK = new SipGatewayProperties.Trunk("", 5060, "udp", "", "",
            "");

    @Test
    void everyBadSettingIsNamedAtOnce() {
        SipGatewayProperties bad = properties(List.of("SHA-512"), List.of("10.0.0.0/33", "pbx.example.com"),
                Map.of("100", " "), "ftp://hooks", new SipGatewayProperties.Trunk("pbx", 5060, "sctp", "", "u", ""),
                "gw.example.com");
        assertThatThrownBy(() -> SettingsCheck.engineSettings(bad, 5060))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mediamesh.sip.allowed-networks: '10.0.0.0/33' has a prefix beyond 32")
                .hasMessageContaining("mediamesh.sip.allowed-networks: 'pbx.example.com' is not a CIDR block")
                .hasMessageContaining("mediamesh.sip.digest-algorithms: 'SHA-512' is not SHA-256 or MD5")
                .hasMessageContaining("mediamesh.sip.advertised-address: 'gw.example.com' must be an IP literal")
                .hasMessageContaining("mediamesh.sip.accounts: user 'a' is listed twice")
                .hasMessageContaining("mediamesh.sip.rooms.100:")
                .hasMessageContaining("mediamesh.sip.webhook: 'ftp://hooks' must be an http(s) URL")
                .hasMessageContaining("mediamesh.sip.trunk.transport: 'sctp' must be udp or tcp")
                .hasMessageContaining("mediamesh.sip.trunk.password: needed with mediamesh.sip.trunk.user");
    }

    @Test
    void goodSettingsBecomeTheEngines() {
        SipGatewayProperties good = new SipGatewayProperties(0, true, "192.0.2.1", "secret", "realm",
                List.of("MD5"), Duration.ofSeconds(60), 3, 3600, List.of(), "", List.of("10.0.0.0/8"),
                Map.of("100", "lobby"), "", "http://127.0.0.1:9/events",
                new SipGatewayProperties.Trunk("198.51.100.5", 5070, "tcp", "pbx.example.com", "gw", "pw"), false,
                Duration.ofSeconds(20));
        EngineSettings settings = SettingsCheck.engineSettings(good, 5062);
        assertThat(settings.port()).isEqualTo(5062);
        assertThat(settings.allowedNetworks()).hasSize(1);
        EngineSettings.TrunkRoute trunk = settings.trunk().orElseThrow();
        assertThat(trunk.endpoint().transport()).isEqualTo(TransportKind.TCP);
        assertThat(trunk.domain()).isEqualTo("pbx.example.com");
        assertThat(settings.inviteTimeoutMillis()).isEqualTo(20_000);
        assertThat(properties(List.of("MD5"), List.of(), Map.of(), "", NO_TRUNK, "127.0.0.1").toString())
                .doesNotContain("pw2").as("passwords are not printed");
    }
}
