package io.mediamesh.overlay.sim;

import static io.mediamesh.overlay.sim.Scenarios.CHANNEL;
import static io.mediamesh.overlay.sim.Scenarios.MS;
import static io.mediamesh.overlay.sim.Scenarios.SECOND;
import static io.mediamesh.overlay.sim.SimulatedNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.overlay.OverlayOutput;
import io.mediamesh.overlay.wire.Feedback;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feedback travels upstream hop by hop to the channel's source: keyframe requests and desired bitrates are aggregated
 * at every relay (first at once, the rest per interval), while retransmission requests are never merged or delayed.
 */
class FeedbackSimulationTest {

    @Test
    void nacksReachTheSourceOneByOneWhileKeyframeRequestsAreAggregated() {
        // 1 = source, 2 = relay, 3 and 4 = subscribers behind the relay.
        SimulatedNetwork net = new SimulatedNetwork(11);
        net.connect(1, 2, 5 * MS);
        net.connect(2, 3, 5 * MS);
        net.connect(2, 4, 5 * MS);
        net.start(1);
        net.start(2, 1);
        net.start(3, 2);
        net.start(4, 2);
        assertThat(net.runUntilConverged(MS, 10 * SECOND)).isNotNegative();
        net.act(3, engine -> engine.subscribe(net.now(), CHANNEL, id(1)));
        net.act(4, engine -> engine.subscribe(net.now(), CHANNEL, id(1)));
        net.runFor(SECOND);
        net.node(1).events.clear();

        // Within one feedback interval: two NACKs from node 3, one from node 4, and a keyframe request from each.
        net.act(3, engine -> engine.sendFeedback(net.now(), CHANNEL, Feedback.KIND_NACK, Feedback.nack(100, 0b101)));
        net.act(3, engine -> engine.sendFeedback(net.now(), CHANNEL, Feedback.KIND_NACK, Feedback.nack(200, 0)));
        net.act(4, engine -> engine.sendFeedback(net.now(), CHANNEL, Feedback.KIND_NACK, Feedback.nack(100, 0b101)));
        net.act(3, engine -> engine.sendFeedback(net.now(), CHANNEL, Feedback.KIND_KEYFRAME_REQUEST, 1));
        net.act(4, engine -> engine.sendFeedback(net.now(), CHANNEL, Feedback.KIND_KEYFRAME_REQUEST, 1));
        net.runFor(50 * MS);

        List<OverlayOutput.FeedbackReceived> atSource = net.node(1).events.stream()
                .filter(OverlayOutput.FeedbackReceived.class::isInstance)
                .map(OverlayOutput.FeedbackReceived.class::cast).toList();
        assertThat(atSource).filteredOn(f -> f.kind() == Feedback.KIND_NACK)
                .extracting(OverlayOutput.FeedbackReceived::max)
                .as("every NACK arrives, unmerged and within 50 ms (two hops of 5 ms)")
                .containsExactlyInAnyOrder(Feedback.nack(100, 0b101), Feedback.nack(200, 0), Feedback.nack(100, 0b101));
        assertThat(atSource).filteredOn(f -> f.kind() == Feedback.KIND_KEYFRAME_REQUEST)
                .as("the relay sends the first keyframe request at once and holds the second for its interval")
                .hasSize(1);

        net.runFor(SECOND);
        int keyframeRequests = net.node(1).events.stream().filter(OverlayOutput.FeedbackReceived.class::isInstance)
                .map(OverlayOutput.FeedbackReceived.class::cast).filter(f -> f.kind() == Feedback.KIND_KEYFRAME_REQUEST)
                .mapToInt(OverlayOutput.FeedbackReceived::count).sum();
        assertThat(keyframeRequests).as("both requests are counted in the end").isEqualTo(2);
    }
}
