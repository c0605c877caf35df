package io.mediamesh.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Defaults, and the environment variable names documented for operators. */
class GatewayPropertiesTest {

    @Test
    void defaultsAreLocalDemoValues() {
        GatewayProperties properties = bind(Map.of());

        assertThat(properties.secret()).isEqualTo("insecure");
        assertThat(properties.usesInsecureSecret()).isTrue();
        assertThat(properties.mediaNodeUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(properties.publicUrl()).isNull();
    }

    @Test
    void environmentVariablesBind() {
        GatewayProperties properties = bind(Map.of(
                "MEDIAMESH_GATEWAY_SECRET", "s3cr3t",
                "MEDIAMESH_GATEWAY_MEDIANODEURL", "http://10.0.0.7:9000",
                "MEDIAMESH_GATEWAY_PUBLICURL", "https://media.example"));

        assertThat(properties.secret()).isEqualTo("s3cr3t");
        assertThat(properties.usesInsecureSecret()).isFalse();
        assertThat(properties.mediaNodeUrl()).isEqualTo(URI.create("http://10.0.0.7:9000"));
        assertThat(properties.publicUrl()).isEqualTo(URI.create("https://media.example"));
    }

    @Test
    void zoneSettingsBindFromTheDocumentedVariables() {
        GatewayProperties properties = bind(Map.of(
                "MEDIAMESH_GATEWAY_ZONE", "2",
                "MEDIAMESH_GATEWAY_ID", "gw-eu-1",
                "MEDIAMESH_GATEWAY_ADVERTISEDURL", "http://10.0.2.5:8080",
                "MEDIAMESH_GATEWAY_ZONEDISTANCES", "1=10,3=40"));

        assertThat(properties.zone()).isEqualTo(2);
        assertThat(properties.effectiveId()).isEqualTo("gw-eu-1");
        assertThat(properties.advertisedUrlOr(8080)).isEqualTo("http://10.0.2.5:8080");
        assertThat(properties.zoneDistances()).isEqualTo("1=10,3=40");
        assertThat(bind(Map.of()).effectiveId()).matches("gw-0-[0-9a-f]+");
        assertThat(bind(Map.of()).zoneDistances()).isNull();
    }

    @Test
    void routePlaceholderSeesTheSameEnvironmentVariable() {
        StandardEnvironment environment = environment(Map.of("MEDIAMESH_GATEWAY_MEDIANODEURL", "http://10.0.0.7:9000"));

        assertThat(environment.resolvePlaceholders("${mediamesh.gateway.media-node-url}"))
                .isEqualTo("http://10.0.0.7:9000");
    }

    private static GatewayProperties bind(Map<String, Object> variables) {
        return Binder.get(environment(variables)).bindOrCreate(GatewayProperties.PREFIX, GatewayProperties.class);
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
