package io.mediamesh.cluster.select;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each row is a cluster: nodes as {@code zone.index:sessions:cpu%[:flags]} separated by spaces, where flags are
 * {@code d} (draining), {@code s} (stale heartbeat), {@code b} (over the bandwidth limit). The gateway is in zone 1;
 * limits: cpu 85 %, 100 sessions, 50 Mbps, heartbeat 6 s.
 */
class NodeSelectorTest {

    private static final long NOW = 1_000_000;
    private static final Thresholds LIMITS = new Thresholds(0.85, 100, 50_000_000, 6_000);

    @ParameterizedTest(name = "{0}: [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        "single node                       | 1.1:0:0                         | 1.1",
        "fewest sessions wins              | 1.1:10:5 1.2:3:50 1.3:7:1        | 1.2",
        "cpu breaks a session tie          | 1.1:4:40 1.2:4:20                | 1.2",
        "node id breaks a full tie         | 1.3:4:20 1.2:4:20                | 1.2",
        "own zone beats a lighter one      | 2.1:0:0 1.1:50:60                | 1.1",
        "draining is skipped               | 1.1:0:0:d 1.2:9:9                | 1.2",
        "stale heartbeat is skipped        | 1.1:0:0:s 1.2:9:9                | 1.2",
        "cpu at the limit is overloaded    | 1.1:0:85 1.2:9:84                | 1.2",
        "sessions at the limit             | 1.1:100:0 1.2:99:0               | 1.2",
        "bandwidth over the limit          | 1.1:0:0:b 1.2:9:9                | 1.2",
        "other zone when own zone is full  | 1.1:100:0 1.2:0:0:d 3.1:5:5 2.1:2:9 | 2.1",
        "other zone when own zone is empty | 2.1:5:5 3.1:5:1                  | 3.1",
        "nothing eligible                  | 1.1:0:0:d 2.1:0:99 1.2:0:0:s     | none",
        "no nodes at all                   |                                  | none",
    })
    void selects(String description, String cluster, String expected) {
        List<NodeInfo> nodes = parse(cluster);

        String chosen = NodeSelector.select(nodes, 1, LIMITS, NOW)
                .map(n -> NodeIds.zone(n.nodeId()) + "." + NodeIds.index(n.nodeId())).orElse("none");

        assertThat(chosen).isEqualTo(expected);
    }

    @ParameterizedTest(name = "heartbeat {0} ms old -> eligible {1}")
    @CsvSource({"0, true", "6000, true", "6001, false", "-2000, true"})
    void heartbeatAgeLimitIsInclusiveAndFutureBeatsCount(long age, boolean eligible) {
        NodeInfo node = node(1, 1, 0, 0, NOW - age, false, 0);

        assertThat(NodeSelector.eligible(node, LIMITS, NOW)).isEqualTo(eligible);
    }

    @ParameterizedTest
    @CsvSource({"0, true", "49999999, true", "50000000, false"})
    void zeroBandwidthLimitMeansUnlimited(long bandwidth, boolean eligibleWithLimit) {
        NodeInfo node = node(1, 1, 0, 0, NOW, false, bandwidth);

        assertThat(NodeSelector.eligible(node, LIMITS, NOW)).isEqualTo(eligibleWithLimit);
        assertThat(NodeSelector.eligible(node, new Thresholds(0.85, 100, 0, 6_000), NOW)).isTrue();
    }

    private static List<NodeInfo> parse(String cluster) {
        List<NodeInfo> nodes = new ArrayList<>();
        if (cluster == null || cluster.isBlank()) {
            return nodes;
        }
        for (String spec : cluster.trim().split("\\s+")) {
            String[] f = spec.split(":");
            String[] id = f[0].split("\\.");
            String flags = f.length > 3 ? f[3] : "";
            nodes.add(node(Integer.parseInt(id[0]), Integer.parseInt(id[1]), Integer.parseInt(f[1]),
                    Integer.parseInt(f[2]) / 100.0, flags.contains("s") ? NOW - 7_000 : NOW - 1_000,
                    flags.contains("d"), flags.contains("b") ? 60_000_000 : 1_000_000));
        }
        return nodes;
    }

    private static NodeInfo node(int zone, int index, int sessions, double cpu, long heartbeat, boolean draining,
            long bandwidth) {
        return new NodeInfo(NodeIds.of(zone, index), zone, "http://10.0." + zone + "." + index + ":8081", List.of(),
                null, new NodeLoad(cpu, sessions, bandwidth), draining, heartbeat);
    }
}
