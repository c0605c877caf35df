package io.mediamesh.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaNodeRoutingTargetTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "http://10.0.0.7:8081       | http://127.0.0.1:8081/whip/endpoint          | http://10.0.0.7:8081/whip/endpoint",
        "http://10.0.0.7:8081       | http://127.0.0.1:8081/whep/endpoint?peer=a%20b | http://10.0.0.7:8081/whep/endpoint?peer=a%20b",
        "https://n1.example/media   | http://127.0.0.1:8081/whip/conn/whip-1       | https://n1.example/media/whip/conn/whip-1",
    })
    void keepsPathAndQueryOnTheNodeBase(String base, String requested, String expected) {
        assertThat(MediaNodeRoutingGatewayFilterFactory.target(base, URI.create(requested)))
                .isEqualTo(URI.create(expected));
    }
}
