package io.mediamesh.overlay.sim;

import io.mediamesh.overlay.sim.SimulatedNetwork.Received;
import io.mediamesh.overlay.wire.ChannelId;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Simulation scenarios shared by {@link OverlaySimulationTest} (which asserts on them) and
 * {@link SimulationReport} (which prints the measured times for the README).
 */
final class Scenarios {
    static final ChannelId CHANNEL = ChannelId.of("room", "alice", "video");
    static final long MS = 1_000;
    static final long SECOND = 1_000_000;

    private Scenarios() {
    }

    /** A 5-node ring with one chord; all start at t=0. */
    static SimulatedNetwork fiveNodeRing(long seed) {
        SimulatedNetwork net = new SimulatedNetwork(seed);
        net.connect(1, 2, 5 * MS);
        net.connect(2, 3, 8 * MS);
        net.connect(3, 4, 12 * MS);
        net.connect(4, 5, 6 * MS);
        net.connect(5, 1, 20 * MS);
        net.connect(1, 3, 15 * MS);
        net.start(1);
        net.start(2, 1);
        net.start(3, 1, 2);
        net.start(4, 3);
        net.start(5, 4, 1);
        return net;
    }

    /** Time (µs) until every node of the 5-node ring routes to every other. */
    static long convergence(long seed) {
        return fiveNodeRing(seed).runUntilConverged(MS, 10 * SECOND);
    }

    /**
     * Diamond A(1)–B(2)–C(3) (5 ms per hop) and A–D(4)–C (10 ms per hop). C subscribes to A's channel; A publishes
     * every 20 ms; at t = 5 s either the A–B wire is cut or node B dies.
     */
    static SimulatedNetwork diamond(long seed) {
        SimulatedNetwork net = new SimulatedNetwork(seed);
        net.connect(1, 2, 5 * MS);
        net.connect(2, 3, 5 * MS);
        net.connect(1, 4, 10 * MS);
        net.connect(4, 3, 10 * MS);
        net.start(1);
        net.start(2, 1);
        net.start(3, 2);
        net.start(4, 1, 3);
        return net;
    }

    /** Publishes from node {@code source} every {@code intervalMicros} until {@code untilMicros}. */
    static int publishPeriodically(SimulatedNetwork net, int source, int firstSequence, long intervalMicros,
            long untilMicros, Runnable atEachStep) {
        int sequence = firstSequence;
        while (net.now() + intervalMicros <= untilMicros) {
            net.runFor(intervalMicros);
            int seq = sequence++;
            long at = net.now();
            net.act(source, engine -> {
                ByteBuf payload = SimulatedNetwork.payload(seq, at);
                engine.publish(at, CHANNEL, payload);
                payload.release();
            });
            atEachStep.run();
        }
        return sequence;
    }

    /** Result of a re-route scenario: time from the failure until the first packet published after it arrived. */
    record Reroute(long resumeMicros, long lostPackets, List<Received> received) {
    }

    static Reroute reroute(long seed, boolean killRelay) {
        SimulatedNetwork net = diamond(seed);
        net.runUntilConverged(MS, 10 * SECOND);
        net.runUntil(2 * SECOND);
        net.act(3, engine -> engine.subscribe(net.now(), CHANNEL, SimulatedNetwork.id(1)));
        int next = publishPeriodically(net, 1, 0, 20 * MS, 5 * SECOND, () -> { });
        long failure = net.now();
        if (killRelay) {
            net.kill(2);
        } else {
            net.setWireUp(1, 2, false);
        }
        int last = publishPeriodically(net, 1, next, 20 * MS, 12 * SECOND, () -> { });
        net.runFor(SECOND);
        List<Received> received = net.node(3).received;
        long resumed = received.stream().filter(r -> r.publishedMicros() > failure)
                .mapToLong(Received::atMicros).min().orElse(Long.MAX_VALUE);
        return new Reroute(resumed - failure, last - received.size(), received);
    }
}
