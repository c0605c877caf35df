package io.mediamesh.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class NodeIdentityTest {

    @Test
    void defaultsToZoneZeroIndexZeroOnLoopback() {
        NodeIdentity identity = bind(Map.of());

        assertThat(identity.nodeId()).isZero();
        assertThat(identity.httpUrl(8081)).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void bindsZoneIndexAndPublicUrl() {
        NodeIdentity identity = bind(Map.of("mediamesh.node.zone", "2", "mediamesh.node.index", "255",
                "mediamesh.node.public-url", "http://10.0.0.9:8081"));

        assertThat(identity.nodeId()).isEqualTo(0x2ff);
        assertThat(identity.httpUrl(9999)).isEqualTo("http://10.0.0.9:8081");
    }

    @Test
    void refusesOutOfRangeValuesAndOtherSchemes() {
        assertThatThrownBy(() -> new NodeIdentity(0, 256, null)).hasMessageContaining("index");
        assertThatThrownBy(() -> new NodeIdentity(1 << 24, 0, null)).hasMessageContaining("zone");
        assertThatThrownBy(() -> new NodeIdentity(0, 0, URI.create("ftp://x"))).hasMessageContaining("public-url");
    }

    private static NodeIdentity bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mediamesh.node", NodeIdentity.class);
    }
}
