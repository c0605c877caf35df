package io.mediamesh.overlay.sim;

import io.mediamesh.overlay.OverlayConfig;
import io.mediamesh.overlay.OverlayNode;
import io.mediamesh.overlay.OverlayOutput;
import io.mediamesh.overlay.OverlayTimers;
import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.FrameType;
import io.mediamesh.overlay.wire.NodeId;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Deterministic discrete-event simulation of N overlay engines: in-memory links with a one-way delay and seeded
 * random loss, and a fake clock that jumps to the next event (a datagram arrival or an engine timeout). Frames
 * are copied to byte arrays in flight, so ByteBuf ownership is exercised exactly as with a real socket.
 */
final class SimulatedNetwork {
    static final byte[] SECRET = "mediamesh simulation cluster secret".getBytes(StandardCharsets.UTF_8);

    private final Map<Integer, SimNode> nodes = new LinkedHashMap<>();
    private final Map<InetSocketAddress, SimNode> byAddress = new HashMap<>();
    private final Map<Long, Wire> wires = new HashMap<>();
    private final Map<Long, Long> dataFrames = new HashMap<>();
    private final PriorityQueue<Delivery> inFlight = new PriorityQueue<>();
    private final Random random;
    private long now;
    private long order;

    SimulatedNetwork(long seed) {
        this.random = new Random(seed);
    }

    private static final class Wire {
        long delayMicros;
        double loss;
        boolean up = true;
    }

    private record Delivery(long at, long order, SimNode from, SimNode to, byte[] bytes)
            implements Comparable<Delivery> {
        @Override
        public int compareTo(Delivery other) {
            return at != other.at ? Long.compare(at, other.at) : Long.compare(order, other.order);
        }
    }

    /** One packet delivered to a node's local subscribers. */
    record Received(long atMicros, ChannelId channel, byte[] payload) {
        int sequence() {
            return Unpooled.wrappedBuffer(payload).getInt(0);
        }

        long publishedMicros() {
            return Unpooled.wrappedBuffer(payload).getLong(4);
        }
    }

    final class SimNode {
        final NodeId id;
        final InetSocketAddress address;
        final OverlayNode engine;
        final List<Received> received = new ArrayList<>();
        final List<OverlayOutput> events = new ArrayList<>();
        boolean alive = true;

        SimNode(NodeId id, InetSocketAddress address, OverlayNode engine) {
            this.id = id;
            this.address = address;
            this.engine = engine;
        }
    }

    static InetSocketAddress address(int index) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) index}), 7000);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static NodeId id(int index) {
        return NodeId.of(1, index);
    }

    private static long key(int a, int b) {
        return (long) Math.min(a, b) << 32 | Math.max(a, b);
    }

    /** Adds a wire between nodes {@code a} and {@code b} (indexes) with a one-way delay. */
    void connect(int a, int b, long delayMicros) {
        Wire wire = new Wire();
        wire.delayMicros = delayMicros;
        wires.put(key(a, b), wire);
    }

    void setLoss(int a, int b, double loss) {
        wires.get(key(a, b)).loss = loss;
    }

    void setWireUp(int a, int b, boolean up) {
        wires.get(key(a, b)).up = up;
    }

    /** Starts node {@code index}; it says Hello to {@code seeds} (indexes). */
    SimNode start(int index, byte[] secret, int... seeds) {
        List<InetSocketAddress> seedAddresses = new ArrayList<>();
        for (int seed : seeds) {
            seedAddresses.add(address(seed));
        }
        OverlayConfig config = new OverlayConfig(id(index), secret, address(index).getAddress().getHostAddress()
                + ":7000", seedAddresses, OverlayTimers.defaults(), ByteBufAllocator.DEFAULT);
        SimNode node = new SimNode(id(index), address(index), new OverlayNode(config, now));
        nodes.put(index, node);
        byAddress.put(node.address, node);
        return node;
    }

    SimNode start(int index, int... seeds) {
        return start(index, SECRET, seeds);
    }

    SimNode node(int index) {
        return nodes.get(index);
    }

    /** Stops node {@code index}: it neither sends nor receives any more. */
    void kill(int index) {
        nodes.get(index).alive = false;
    }

    long now() {
        return now;
    }

    /** ChannelData frames sent from node {@code from} to node {@code to} since the last reset. */
    long dataFrames(int from, int to) {
        return dataFrames.getOrDefault((long) from << 32 | to, 0L);
    }

    long totalDataFrames() {
        return dataFrames.values().stream().mapToLong(Long::longValue).sum();
    }

    void resetDataFrames() {
        dataFrames.clear();
    }

    /** Lets a test act on a node (subscribe, publish, ...) and then routes what the engine produced. */
    void act(int index, java.util.function.Consumer<OverlayNode> action) {
        SimNode node = nodes.get(index);
        action.accept(node.engine);
        drain(node);
    }

    /** Sends raw bytes as if {@code fromIndex} had transmitted them to {@code toIndex}. */
    void inject(int fromIndex, int toIndex, byte[] bytes) {
        SimNode to = nodes.get(toIndex);
        to.engine.handleDatagram(now, address(fromIndex), Unpooled.wrappedBuffer(bytes));
        drain(to);
    }

    /** Runs the simulation until {@code untilMicros}, processing events in time order. */
    void runUntil(long untilMicros) {
        while (true) {
            long nextTimeout = Long.MAX_VALUE;
            for (SimNode node : nodes.values()) {
                if (node.alive) {
                    nextTimeout = Math.min(nextTimeout, node.engine.pollTimeoutMicros());
                }
            }
            Delivery delivery = inFlight.peek();
            long next = Math.min(nextTimeout, delivery == null ? Long.MAX_VALUE : delivery.at);
            if (next > untilMicros) {
                now = untilMicros;
                return;
            }
            now = Math.max(now, next);
            if (delivery != null && delivery.at <= now && delivery.at <= nextTimeout) {
                inFlight.poll();
                if (delivery.to.alive) {
                    delivery.to.engine.handleDatagram(now, delivery.from.address, Unpooled.wrappedBuffer(delivery.bytes));
                    drain(delivery.to);
                }
                continue;
            }
            for (SimNode node : nodes.values()) {
                if (node.alive && node.engine.pollTimeoutMicros() <= now) {
                    node.engine.handleTimeout(now);
                    drain(node);
                }
            }
        }
    }

    void runFor(long micros) {
        runUntil(now + micros);
    }

    private void drain(SimNode node) {
        OverlayOutput output;
        while ((output = node.engine.pollOutput()) != null) {
            if (output instanceof OverlayOutput.Transmit transmit) {
                byte[] bytes = ByteBufUtil.getBytes(transmit.frame());
                transmit.frame().release();
                send(node, transmit.to(), bytes);
            } else if (output instanceof OverlayOutput.ChannelDataReceived data) {
                node.received.add(new Received(now, data.channel(), ByteBufUtil.getBytes(data.payload())));
                data.payload().release();
            } else {
                node.events.add(output);
            }
        }
    }

    private void send(SimNode from, InetSocketAddress to, byte[] bytes) {
        SimNode target = byAddress.get(to);
        if (!from.alive || target == null) {
            return;
        }
        int fromIndex = from.id.index();
        int toIndex = target.id.index();
        Wire wire = wires.get(key(fromIndex, toIndex));
        if (wire == null || !wire.up) {
            return;
        }
        if (bytes[1] == FrameType.CHANNEL_DATA) {
            dataFrames.merge((long) fromIndex << 32 | toIndex, 1L, Long::sum);
        }
        if (wire.loss > 0 && random.nextDouble() < wire.loss) {
            return;
        }
        inFlight.add(new Delivery(now + wire.delayMicros, order++, from, target, bytes));
    }

    /** True when every live node has a route to every other live node. */
    boolean converged() {
        for (SimNode a : nodes.values()) {
            for (SimNode b : nodes.values()) {
                if (a != b && a.alive && b.alive && a.engine.nextHop(b.id) == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Runs in {@code stepMicros} steps until {@link #converged()}; returns the time taken, or -1. */
    long runUntilConverged(long stepMicros, long limitMicros) {
        long start = now;
        while (now - start <= limitMicros) {
            if (converged()) {
                return now - start;
            }
            runFor(stepMicros);
        }
        return -1;
    }

    /** A test payload: sequence number and publish time, padded to 100 bytes like a small RTP packet. */
    static io.netty.buffer.ByteBuf payload(int sequence, long publishedMicros) {
        return Unpooled.buffer(100).writeInt(sequence).writeLong(publishedMicros).writeZero(88);
    }
}
