package io.mediamesh.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterRecordsTest {

    @ParameterizedTest(name = "zone {0} index {1} -> {2}")
    @CsvSource({
        "0,        0,   00000000",
        "1,        42,  0000012a",
        "16777215, 255, ffffffff",
    })
    void nodeIdPacksZoneAndIndex(int zone, int index, String hex) {
        int id = NodeIds.of(zone, index);

        assertThat(NodeIds.hex(id)).isEqualTo(hex);
        assertThat(NodeIds.zone(id)).isEqualTo(zone);
        assertThat(NodeIds.index(id)).isEqualTo(index);
    }

    @ParameterizedTest
    @CsvSource({"-1, 0", "16777216, 0", "0, -1", "0, 256"})
    void nodeIdRejectsOutOfRangeParts(int zone, int index) {
        assertThatThrownBy(() -> NodeIds.of(zone, index)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodeInfoNormalisesUrlAndCopiesCandidates() {
        List<String> candidates = new ArrayList<>(List.of("127.0.0.1:10000"));
        NodeInfo node = new NodeInfo(NodeIds.of(2, 1), 2, "http://10.0.0.2:8081//", candidates, null,
                NodeLoad.IDLE, false, 5);
        candidates.add("changed");

        assertThat(node.httpUrl()).isEqualTo("http://10.0.0.2:8081");
        assertThat(node.webrtcCandidates()).containsExactly("127.0.0.1:10000");
        assertThat(node.nodeIdHex()).isEqualTo("00000201");
        assertThat(node.withHeartbeat(new NodeLoad(0.5, 3, 0), 9)).satisfies(n -> {
            assertThat(n.heartbeatMillis()).isEqualTo(9);
            assertThat(n.load().sessions()).isEqualTo(3);
            assertThat(n.draining()).isFalse();
        });
        assertThat(node.asDraining(10).draining()).isTrue();
    }

    @Test
    void nodeInfoRejectsMismatchedZoneAndBadUrl() {
        assertThatThrownBy(() -> new NodeInfo(NodeIds.of(2, 1), 3, "http://x", List.of(), null, NodeLoad.IDLE,
                false, 0)).hasMessageContaining("zone 3");
        assertThatThrownBy(() -> new NodeInfo(1, 0, "ftp://x", List.of(), null, NodeLoad.IDLE, false, 0))
                .hasMessageContaining("http");
    }

    @Test
    void loadIsBounded() {
        assertThatThrownBy(() -> new NodeLoad(1.5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeLoad(Double.NaN, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeLoad(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peersAndTracksFollowTheIdRules() {
        assertThatThrownBy(() -> new PeerInfo("", "a", 1, PeerKind.WHIP, null)).hasMessageContaining("room");
        assertThatThrownBy(() -> new PeerInfo("r", "a\n", 1, PeerKind.WHIP, null)).hasMessageContaining("peer");
        assertThatThrownBy(() -> new TrackInfo("r", "a", " ", TrackKind.AUDIO, 1, 1, "")).hasMessageContaining("track");
        assertThat(new TrackInfo("r", "a", "video_main", TrackKind.VIDEO, 7L, 1, "").channelId()).isEqualTo(7L);
    }

    @Test
    void aPeerKickConcernsOnePeerOrTheWholeRoom() {
        PeerKick one = new PeerKick("room-1", "alice", "kicked through the admin API");
        assertThat(one.concerns("room-1", "alice")).isTrue();
        assertThat(one.concerns("room-1", "bob")).isFalse();
        assertThat(one.concerns("room-2", "alice")).isFalse();
        PeerKick all = new PeerKick("room-1", null, "room closed through the admin API");
        assertThat(all.concerns("room-1", "bob")).isTrue();
        assertThat(all.concerns("room-2", "bob")).isFalse();
        assertThatThrownBy(() -> new PeerKick("room-1", "alice", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeerKick(" ", "alice", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
