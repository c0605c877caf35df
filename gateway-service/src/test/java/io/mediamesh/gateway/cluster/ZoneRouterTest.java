package io.mediamesh.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.model.cluster.GatewayInfo;
import io.mediamesh.model.cluster.NodeIds;
import io.mediamesh.model.cluster.NodeInfo;
import io.mediamesh.model.cluster.NodeLoad;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneRouterTest {
    private static final long NOW = 1_000_000;
    private static final Thresholds LIMITS = new Thresholds(0.85, 1000, 0, 6_000);
    private static final GatewayInfo SELF = new GatewayInfo("gw-a", 1, "http://gw-a:8080", NOW);
    private static final GatewayInfo ZONE2 = new GatewayInfo("gw-b", 2, "http://gw-b:8080", NOW - 1_000);
    private static final GatewayInfo ZONE2_LATER_ID = new GatewayInfo("gw-c", 2, "http://gw-c:8080", NOW);
    private static final GatewayInfo ZONE2_STALE = new GatewayInfo("gw-0", 2, "http://gw-0:8080", NOW - 7_000);

    private static NodeInfo node(int zone, int index, int sessions) {
        return new NodeInfo(NodeIds.of(zone, index), zone, "http://node-" + zone + "-" + index, List.of(), null,
                new NodeLoad(0.1, sessions, 0), false, NOW);
    }

    @Test
    void ownZoneNodeIsReachedDirectly() {
        NodeInfo local = node(1, 1, 5);
        assertThat(ZoneRouter.forNewSession(SELF, List.of(local, node(2, 1, 0)), List.of(SELF, ZONE2), LIMITS, NOW,
                false)).contains(new ZoneRouter.ToNode(local));
    }

    @Test
    void otherZoneNodeGoesThroughALiveGatewayOfThatZoneWithTheLowestId() {
        NodeInfo remote = node(2, 1, 0);
        assertThat(ZoneRouter.forNewSession(SELF, List.of(remote), List.of(SELF, ZONE2_LATER_ID, ZONE2, ZONE2_STALE),
                LIMITS, NOW, false)).contains(new ZoneRouter.ToGateway(ZONE2, remote));
    }

    @Test
    void withoutALiveGatewayOfThatZoneTheNodeIsReachedDirectly() {
        NodeInfo remote = node(2, 1, 0);
        assertThat(ZoneRouter.forNewSession(SELF, List.of(remote), List.of(SELF, ZONE2_STALE), LIMITS, NOW, false))
                .contains(new ZoneRouter.ToNode(remote));
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() {
        NodeInfo remote = node(2, 1, 0);
        assertThat(ZoneRouter.forNewSession(SELF, List.of(remote), List.of(SELF, ZONE2), LIMITS, NOW, true))
                .contains(new ZoneRouter.ToNode(remote));
        assertThat(ZoneRouter.forConnection(SELF, remote, List.of(SELF, ZONE2), LIMITS, NOW, true))
                .isEqualTo(new ZoneRouter.ToNode(remote));
    }

    @Test
    void aGatewayNeverForwardsToItself() {
        GatewayInfo selfInZone2 = new GatewayInfo("gw-a", 2, "http://gw-a:8080", NOW);
        NodeInfo remote = node(2, 1, 0);
        assertThat(ZoneRouter.forNewSession(SELF, List.of(remote), List.of(selfInZone2), LIMITS, NOW, false))
                .contains(new ZoneRouter.ToNode(remote));
    }

    @Test
    void connectionsOfAnotherZoneGoThroughItsGatewayEvenWhenTheOwnerIsDraining() {
        NodeInfo owner = new NodeInfo(NodeIds.of(2, 3), 2, "http://n", List.of(), null, new NodeLoad(0.99, 5000, 0),
                true, NOW);
        assertThat(ZoneRouter.forConnection(SELF, owner, List.of(ZONE2), LIMITS, NOW, false))
                .isEqualTo(new ZoneRouter.ToGateway(ZONE2, owner));
    }

    @Test
    void noEligibleNodeMeansNoDecision() {
        NodeInfo overloaded = new NodeInfo(NodeIds.of(2, 1), 2, "http://n", List.of(), null,
                new NodeLoad(0.95, 0, 0), false, NOW);
        assertThat(ZoneRouter.forNewSession(SELF, List.of(overloaded), List.of(ZONE2), LIMITS, NOW, false)).isEmpty();
    }
}
