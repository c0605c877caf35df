package io.mediamesh.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.cluster.select.Thresholds;
import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table tests of the zone policy. This gateway is {@code gw-a} of zone 1. Notation: a node is
 * {@code zone.index/sessions}, {@code !} = draining; a gateway is {@code id@zone}, {@code ~} = silent for 7 s (stale);
 * the expected decision is {@code node Z.I}, {@code via GW to Z.I} or {@code refused CODE}.
 */
class ZoneRouterTest {

    private static final long NOW = 1_000_000;
    private static final Thresholds LIMITS = new Thresholds(0.85, 1000, 0, 6_000);
    private static final GatewayInfo SELF = new GatewayInfo("gw-a", 1, "http://gw-a:8080", NOW);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "own zone first, however loaded          | 1.1/50 2.1/0      | gw-b@2             |         | false | node 1.1",
        "least loaded of the own zone            | 1.1/5 1.2/1 2.1/0 | gw-b@2             |         | false | node 1.2",
        "own zone draining: other zone's gateway | 1.1/0! 2.1/9      | gw-b@2             |         | false | via gw-b to 2.1",
        "nearest zone beats less loaded farther  | 3.1/0 2.1/50      | gw-b@2 gw-c@3      |         | false | via gw-b to 2.1",
        "zone 0 is as near as zone 2             | 0.1/7 2.1/3       | gw-z@0 gw-b@2      |         | false | via gw-b to 2.1",
        "configured distance overrides the diff | 3.1/0 2.1/50      | gw-b@2 gw-c@3      | 3=1,2=5 | false | via gw-c to 3.1",
        "unlisted zone keeps the difference      | 3.1/0 4.1/0       | gw-c@3 gw-d@4      | 3=9     | false | via gw-d to 4.1",
        "equally near zones compete by load      | 2.1/9 3.1/3       | gw-b@2 gw-c@3      | 2=5,3=5 | false | via gw-c to 3.1",
        "live gateway with the lowest id         | 2.1/0             | gw-c@2 gw-b@2 gw-0@2~ |      | false | via gw-b to 2.1",
        "zone without live gateway: node direct  | 2.1/0             | gw-0@2~ gw-x@3     |         | false | node 2.1",
        "never forwards to itself                | 2.1/0             | gw-a@2             |         | false | node 2.1",
        "nothing eligible anywhere               | 1.1/0! 2.1/1000   | gw-b@2             |         | false | refused NO_MEDIA_NODE_AVAILABLE",
        "forwarded, own zone serves              | 1.1/3 2.1/0       | gw-b@2             |         | true  | node 1.1",
        "forwarded, own zone cannot: 503         | 1.1/0! 2.1/0      | gw-b@2             |         | true  | refused FORWARDED_REQUEST_NOT_SERVABLE",
        "forwarded, nothing eligible             | 1.1/0!            | gw-b@2             |         | true  | refused NO_MEDIA_NODE_AVAILABLE",
    })
    void newSession(String name, String nodes, String gateways, String distances, boolean forwarded,
            String expected) {
        ZoneRouter.Decision decision = ZoneRouter.forNewSession(SELF, nodes(nodes), gateways(gateways),
                ZoneDistances.parse(distances), LIMITS, NOW, forwarded);

        assertThat(describe(decision)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "owner in this zone                 | 1.4/0           | gw-b@2        | false | node 1.4",
        "owner in another zone              | 2.4/0           | gw-b@2        | false | via gw-b to 2.4",
        "draining owner is still reached    | 2.4/5000!       | gw-b@2        | false | via gw-b to 2.4",
        "owner's zone without live gateway  | 2.4/0           | gw-b@2~       | false | node 2.4",
        "forwarded, owner in this zone      | 1.4/0           | gw-b@2        | true  | node 1.4",
        "forwarded, owner in another zone   | 2.4/0           | gw-b@2        | true  | refused FORWARDED_REQUEST_NOT_SERVABLE",
    })
    void existingSession(String name, String owner, String gateways, boolean forwarded, String expected) {
        ZoneRouter.Decision decision = ZoneRouter.forConnection(SELF, nodes(owner).get(0), gateways(gateways), LIMITS,
                NOW, forwarded);

        assertThat(describe(decision)).isEqualTo(expected);
    }

    private static String describe(ZoneRouter.Decision decision) {
        if (decision instanceof ZoneRouter.ToNode toNode) {
            return "node " + name(toNode.node());
        }
        if (decision instanceof ZoneRouter.ToGateway toGateway) {
            return "via " + toGateway.gateway().id() + " to " + name(toGateway.node());
        }
        ZoneRouter.Refused refused = (ZoneRouter.Refused) decision;
        assertThat(refused.message()).isNotBlank();
        return "refused " + refused.code();
    }

    private static String name(NodeInfo node) {
        return node.zone() + "." + NodeIds.index(node.nodeId());
    }

    private static List<NodeInfo> nodes(String spec) {
        return tokens(spec).map(token -> {
            boolean draining = token.endsWith("!");
            String[] zoneIndex = token.replace("!", "").split("/")[0].split("\\.");
            int sessions = Integer.parseInt(token.replace("!", "").split("/")[1]);
            int zone = Integer.parseInt(zoneIndex[0]);
            return new NodeInfo(NodeIds.of(zone, Integer.parseInt(zoneIndex[1])), zone, "http://node-" + token,
                    List.of(), null, new NodeLoad(0.1, sessions, 0), draining, NOW - 500);
        }).toList();
    }

    private static List<GatewayInfo> gateways(String spec) {
        return tokens(spec).map(token -> {
            boolean stale = token.endsWith("~");
            String[] idZone = token.replace("~", "").split("@");
            return new GatewayInfo(idZone[0], Integer.parseInt(idZone[1]), "http://" + idZone[0] + ":8080",
                    stale ? NOW - 7_000 : NOW - 1_000);
        }).toList();
    }

    private static java.util.stream.Stream<String> tokens(String spec) {
        return spec == null ? java.util.stream.Stream.empty()
                : Arrays.stream(spec.trim().split("\\s+")).filter(t -> !t.isEmpty());
    }
}
