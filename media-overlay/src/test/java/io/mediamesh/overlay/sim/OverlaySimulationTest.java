package io.mediamesh.overlay.sim;

import static io.mediamesh.overlay.sim.Scenarios.CHANNEL;
import static io.mediamesh.overlay.sim.Scenarios.MS;
import static io.mediamesh.overlay.sim.Scenarios.SECOND;
import static io.mediamesh.overlay.sim.SimulatedNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.overlay.OverlayOutput;
import io.mediamesh.overlay.pubsub.ChannelSnapshot;
import io.mediamesh.overlay.sim.SimulatedNetwork.Received;
import io.mediamesh.overlay.wire.ChannelData;
import io.mediamesh.overlay.wire.FrameOpener;
import io.mediamesh.overlay.wire.FrameSealer;
import io.mediamesh.overlay.wire.FrameType;
import io.mediamesh.overlay.wire.OpenResult;
import io.mediamesh.overlay.wire.OverlayKeys;
import io.mediamesh.overlay.wire.Ping;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OverlaySimulationTest {

    @Test
    void fiveNodesConvergeAndAgreeOnShortestPaths() {
        SimulatedNetwork net = Scenarios.fiveNodeRing(1);
        long took = net.runUntilConverged(MS, 10 * SECOND);
        System.out.printf("5-node convergence: %.1f ms simulated%n", took / 1000.0);
        assertThat(took).isBetween(0L, 2 * SECOND);
        net.runFor(5 * SECOND);
        // 2 -> 4: via 3 (RTT 16 + 24 ms + 2 hop penalties) clearly beats via 1-5 (RTT 10 + 40 + 12 ms + 3).
        // 1 -> 4: via 3 (74 ms) and via 5 (72 ms) are within the 5 % hysteresis, so the first path found stays.
        assertThat(net.node(2).engine.nextHop(id(4))).isEqualTo(id(3));
        assertThat(net.node(1).engine.nextHop(id(4))).isEqualTo(id(3));
        assertThat(net.node(1).engine.routes()).hasSize(4)
                .allSatisfy(route -> assertThat(route.nextHop()).isNotNull());
        assertThat(net.node(3).engine.links()).hasSize(3);
    }

    @Test
    void sourceSendsOneCopyPerDownstreamLinkAndRelaysReuseTheTree() {
        // S=1 links to 2 and 3; 2 relays for 4, 3 relays for 5; 20 subscribers (5 per node) on nodes 2..5.
        SimulatedNetwork net = new SimulatedNetwork(7);
        net.connect(1, 2, 5 * MS);
        net.connect(1, 3, 5 * MS);
        net.connect(2, 3, 5 * MS);
        net.connect(2, 4, 5 * MS);
        net.connect(3, 5, 5 * MS);
        net.start(1);
        net.start(2, 1);
        net.start(3, 1, 2);
        net.start(4, 2);
        net.start(5, 3);
        assertThat(net.runUntilConverged(MS, 10 * SECOND)).isNotNegative();
        net.runUntil(3 * SECOND);
        for (int node = 2; node <= 5; node++) {
            for (int subscriber = 0; subscriber < 5; subscriber++) {
                net.act(node, engine -> engine.subscribe(net.now(), CHANNEL, id(1)));
            }
        }
        net.runFor(SECOND);
        net.resetDataFrames();
        int packets = Scenarios.publishPeriodically(net, 1, 0, 20 * MS, net.now() + 2 * SECOND, () -> { });
        net.runFor(SECOND);

        assertThat(net.dataFrames(1, 2)).isEqualTo(packets);
        assertThat(net.dataFrames(1, 3)).isEqualTo(packets);
        assertThat(net.dataFrames(2, 4)).isEqualTo(packets);
        assertThat(net.dataFrames(3, 5)).isEqualTo(packets);
        assertThat(net.totalDataFrames()).as("one copy per tree edge, nothing else").isEqualTo(4L * packets);
        for (int node = 2; node <= 5; node++) {
            assertReceivedEachOnce(net.node(node).received, packets);
            ChannelSnapshot channel = net.node(node).engine.channels().get(0);
            assertThat(channel.localSubscribers()).isEqualTo(5);
            assertThat(channel.upstream()).isNotNull();
        }
        ChannelSnapshot atSource = net.node(1).engine.channels().get(0);
        assertThat(atSource.downstreams()).containsExactlyInAnyOrder(id(2), id(3));
        assertThat(atSource.copiesOut()).isEqualTo(2L * packets);
        assertThat(net.node(2).engine.channels().get(0).downstreams()).containsExactly(id(4));
    }

    @Test
    void prefersTwoFastHopsOverASlowDirectLink() {
        SimulatedNetwork net = new SimulatedNetwork(3);
        net.connect(1, 2, 5 * MS);
        net.connect(2, 3, 5 * MS);
        net.connect(1, 3, 60 * MS);
        net.start(1);
        net.start(2, 1);
        net.start(3, 1, 2);
        net.runUntil(4 * SECOND);
        assertThat(net.node(1).engine.nextHop(id(3))).isEqualTo(id(2));
        assertThat(net.node(3).engine.nextHop(id(1))).isEqualTo(id(2));
        net.act(3, engine -> engine.subscribe(net.now(), CHANNEL, id(1)));
        net.runFor(SECOND);
        net.resetDataFrames();
        int packets = Scenarios.publishPeriodically(net, 1, 0, 20 * MS, net.now() + SECOND, () -> { });
        net.runFor(SECOND);
        assertThat(net.dataFrames(1, 3)).isZero();
        assertThat(net.dataFrames(1, 2)).isEqualTo(packets);
        assertReceivedEachOnce(net.node(3).received, packets);
    }

    @Test
    void mediaResumesWithinThreeSecondsAfterLinkLoss() {
        Scenarios.Reroute result = Scenarios.reroute(11, false);
        System.out.printf("link loss: media resumed after %.1f ms simulated%n", result.resumeMicros() / 1000.0);
        assertThat(result.resumeMicros()).isLessThan(3 * SECOND);
        assertNoDuplicates(result.received());
    }

    @Test
    void mediaResumesWithinThreeSecondsAfterRelayNodeLoss() {
        Scenarios.Reroute result = Scenarios.reroute(12, true);
        System.out.printf("relay loss: media resumed after %.1f ms simulated%n", result.resumeMicros() / 1000.0);
        assertThat(result.resumeMicros()).isLessThan(3 * SECOND);
        assertThat(result.lostPackets()).as("only the gap is lost (a packet every 20 ms), not what follows it")
                .isLessThan(3 * SECOND / (20 * MS));
        assertNoDuplicates(result.received());
    }

    @Test
    void betterPathAppearingCausesNoGapAndNoDuplicate() {
        SimulatedNetwork net = new SimulatedNetwork(5);
        net.connect(1, 3, 40 * MS);
        net.connect(1, 2, 5 * MS);
        net.connect(2, 3, 5 * MS);
        net.setWireUp(2, 3, false);
        net.start(1);
        net.start(2, 1, 3);
        net.start(3, 1);
        net.runUntil(3 * SECOND);
        assertThat(net.node(3).engine.nextHop(id(1))).isEqualTo(id(1));
        net.act(3, engine -> engine.subscribe(net.now(), CHANNEL, id(1)));
        int next = Scenarios.publishPeriodically(net, 1, 0, 20 * MS, 5 * SECOND, () -> { });
        net.setWireUp(2, 3, true);
        int last = Scenarios.publishPeriodically(net, 1, next, 20 * MS, 10 * SECOND, () -> { });
        net.runFor(SECOND);
        assertThat(net.node(3).engine.nextHop(id(1))).isEqualTo(id(2));
        assertThat(net.node(3).engine.channels().get(0).upstream()).isEqualTo(id(2));
        List<Received> received = net.node(3).received;
        assertThat(received.stream().map(Received::sequence).distinct().count())
                .as("every packet of the first publish onwards arrives exactly once")
                .isEqualTo(received.size());
        int firstSeq = received.get(0).sequence();
        assertThat(received.stream().map(Received::sequence).collect(Collectors.toList()))
                .as("no gap, no duplicate; the switch may reorder one packet")
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(firstSeq, last).boxed().toList());
        assertThat(net.node(1).engine.channels().get(0).downstreams()).containsExactly(id(2));
    }

    @Test
    void nodeWithWrongSecretCannotJoinInjectOrRead() {
        SimulatedNetwork net = new SimulatedNetwork(9);
        net.connect(1, 2, 5 * MS);
        net.connect(1, 9, 5 * MS);
        net.start(1);
        net.start(2, 1);
        byte[] wrongSecret = "not the cluster secret at all!".getBytes(StandardCharsets.UTF_8);
        net.start(9, wrongSecret, 1);
        net.runUntil(5 * SECOND);
        assertThat(net.node(1).engine.nextHop(id(9))).isNull();
        assertThat(net.node(9).engine.nextHop(id(1))).isNull();
        assertThat(net.node(1).engine.links()).extracting(l -> l.peer()).containsExactly(id(2));
        assertThat(net.node(1).events).noneMatch(e -> e.equals(new OverlayOutput.LinkUp(id(9))));
        assertThat(net.node(1).engine.counters().unauthenticated()).isPositive();
        assertThat(net.node(9).engine.counters().framesIn()).as("node 1 never answers the intruder").isZero();

        // Injecting: a ChannelData frame claiming to come from neighbour 2, sealed under the wrong key.
        net.act(1, engine -> engine.subscribe(net.now(), CHANNEL, id(2)));
        long before = net.node(1).engine.counters().unauthenticated();
        FrameSealer intruder = new FrameSealer(OverlayKeys.frameKeys(wrongSecret), id(2), net.now());
        ByteBuf payload = SimulatedNetwork.payload(1, net.now());
        ChannelData.write(intruder.body(), CHANNEL.value(), 1, payload);
        payload.release();
        ByteBuf forged = intruder.seal(net.now(), FrameType.CHANNEL_DATA, ByteBufAllocator.DEFAULT);
        net.inject(9, 1, ByteBufUtil.getBytes(forged));
        forged.release();
        assertThat(net.node(1).engine.counters().unauthenticated()).isEqualTo(before + 1);
        assertThat(net.node(1).received).isEmpty();

        // Reading: a frame sealed under the cluster key does not open under the intruder's key.
        assertThat(new FrameOpener(OverlayKeys.frameKeys(wrongSecret)).open(Unpooled.wrappedBuffer(sealedBy(net))))
                .isEqualTo(OpenResult.UNAUTHENTICATED);
    }

    private static byte[] sealedBy(SimulatedNetwork net) {
        FrameSealer legit = new FrameSealer(OverlayKeys.frameKeys(SimulatedNetwork.SECRET), id(2), net.now());
        ByteBuf frame = legit.seal(net.now(), new Ping(1, 2), ByteBufAllocator.DEFAULT);
        byte[] bytes = ByteBufUtil.getBytes(frame);
        frame.release();
        return bytes;
    }

    private static void assertReceivedEachOnce(List<Received> received, int packets) {
        assertThat(received.stream().map(Received::sequence).collect(Collectors.toSet()))
                .hasSize(packets);
        assertThat(received).hasSize(packets);
    }

    private static void assertNoDuplicates(List<Received> received) {
        assertThat(received.stream().map(Received::sequence).distinct().count()).isEqualTo(received.size());
    }

}
