package io.mediamesh.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConnectionIdTest {

    private static final String RANDOM = "00112233445566778899aabbccddeeff";

    @Test
    void formatsFamilyNodeHexAndRandom() {
        byte[] random = new byte[16];
        Arrays.fill(random, (byte) 0xab);

        ConnectionId id = ConnectionId.of("whip", NodeIds.of(1, 42), random);

        assertThat(id.toString()).isEqualTo("whip-0000012a-abababababababababababababababab");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "whip-0000012a-" + RANDOM + ", whip, 298",
        "whep-ffffffff-" + RANDOM + ", whep, -1",
        "whep-00000000-" + RANDOM + ", whep, 0",
    })
    void parsesWhatItFormats(String text, String family, int nodeId) {
        ConnectionId id = ConnectionId.parse(text).orElseThrow();

        assertThat(id.family()).isEqualTo(family);
        assertThat(id.nodeId()).isEqualTo(nodeId);
        assertThat(id.random()).isEqualTo(RANDOM);
        assertThat(id.toString()).isEqualTo(text);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "",
        "node1-42",
        "whip-" + RANDOM,                              // the single-node format without a node id
        "whip-0000012a-" + RANDOM + "0",               // one digit too many
        "whip-0000012a-" + "00112233445566778899aabbccddeef", // one digit short
        "WHIP-0000012a-" + RANDOM,                     // family is lower case
        "whop-0000012a-" + RANDOM,
        "whip-0000012A-" + RANDOM,                     // upper-case hex
        "whip-0000012g-" + RANDOM,
        "whip_0000012a-" + RANDOM,
        "whip-0000012a_" + RANDOM,
        "whip-+000012a-" + RANDOM,                     // parseUnsignedInt would accept the sign
    })
    void rejectsOtherShapes(String text) {
        assertThat(ConnectionId.parse(text)).isEmpty();
    }

    @Test
    void nullIsNotAnId() {
        assertThat(ConnectionId.parse(null)).isEmpty();
    }

    @Test
    void constructorChecksTheRandomPart() {
        assertThatThrownBy(() -> new ConnectionId("whip", 1, "xyz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionId.of("whip", 1, new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
