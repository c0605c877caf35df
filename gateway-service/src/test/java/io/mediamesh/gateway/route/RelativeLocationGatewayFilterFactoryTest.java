package io.mediamesh.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativeLocationGatewayFilterFactoryTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/whip/conn/node1-42                          | /whip/conn/node1-42",
        "http://10.0.0.7:8081/whip/conn/node1-42      | /whip/conn/node1-42",
        "https://node.internal/whep/conn/a%2Fb?x=1#f  | /whep/conn/a%2Fb?x=1#f",
        "http://10.0.0.7:8081                         | /",
        "//10.0.0.7:8081/whip/conn/1                  | /whip/conn/1",
        "conn/1                                       | conn/1",
        "not a uri with spaces                        | not a uri with spaces",
    })
    void keepsOnlyPathQueryAndFragment(String location, String expected) {
        assertThat(RelativeLocationGatewayFilterFactory.relative(location)).isEqualTo(expected);
    }
}
