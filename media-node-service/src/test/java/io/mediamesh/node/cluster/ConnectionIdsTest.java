package io.mediamesh.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.model.cluster.NodeIds;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionIdsTest {

    @Test
    void idsNameTheNodeAndParseBack() {
        ConnectionIds ids = new ConnectionIds(NodeIds.of(3, 9));

        String whip = ids.next("whip");
        String whep = ids.next("whep");

        assertThat(whip).matches("whip-00000309-[0-9a-f]{32}");
        assertThat(whep).matches("whep-00000309-[0-9a-f]{32}");
        assertThat(ConnectionIds.nodeOf(whip)).hasValue(NodeIds.of(3, 9));
        assertThat(ConnectionIds.nodeOf("whip-0123456789abcdef0123456789abcdef")).isEmpty();
    }

    @Test
    void randomPartComesFromTheGenerator() {
        ConnectionIds ids = new ConnectionIds(1, new Random(7));
        byte[] expected = new byte[16];
        new Random(7).nextBytes(expected);

        assertThat(ids.next("whip")).isEqualTo("whip-00000001-" + java.util.HexFormat.of().formatHex(expected));
    }

    @Test
    void idsDoNotRepeat() {
        ConnectionIds ids = new ConnectionIds(1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(ids.next("whep"))).isTrue();
        }
        // The last 8 hex digits name anonymous WHEP viewers, so they must vary too.
        assertThat(seen.stream().map(id -> id.substring(id.length() - 8)).distinct()).hasSize(1000);
    }
}
