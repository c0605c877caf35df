package io.mediamesh.bench;

import io.mediamesh.overlay.OverlayConfig;
import io.mediamesh.overlay.OverlayNode;
import io.mediamesh.overlay.OverlayOutput;
import io.mediamesh.overlay.pubsub.ChannelSnapshot;
import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A source S, a relay R and {@code downstreams} nodes D1..Dn, wired in memory as a star around R (S-R and R-Di are
 * the only links), driven by hand until the links are up, the routes converged and every Di subscribed to
 * {@link #CHANNEL} published at S. Every Di reaches S only through R, so R is the relay under test.
 *
 * <p>Frames in flight are copied to fresh heap buffers and the engine's buffers released, as a socket would.
 * Single-threaded; nothing here reads a clock: the mesh time starts at {@code baseMicros} and moves in fixed steps.
 */
final class OverlayMesh {
    static final ChannelId CHANNEL = ChannelId.of("bench", "source", "video");
    static final byte[] SECRET = "mediamesh relay benchmark secret".getBytes(StandardCharsets.UTF_8);
    static final int SOURCE = 0;
    static final int RELAY = 1;
    private static final long STEP_MICROS = 10_000;
    private static final int MAX_STEPS = 1_000;

    private final OverlayNode[] nodes;
    private final InetSocketAddress[] addresses;
    private final List<List<ByteBuf>> received = new ArrayList<>();
    private long now;

    private OverlayMesh(int downstreams, long baseMicros) {
        int count = 2 + downstreams;
        nodes = new OverlayNode[count];
        addresses = new InetSocketAddress[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = address(i);
            received.add(new ArrayList<>());
        }
        now = baseMicros;
        for (int i = 0; i < count; i++) {
            List<InetSocketAddress> seeds = i == RELAY ? List.of() : List.of(addresses[RELAY]);
            nodes[i] = new OverlayNode(OverlayConfig.of(NodeId.of(1, i + 1), SECRET,
                    addresses[i].getAddress().getHostAddress() + ":7000", seeds), now);
        }
    }

    /**
     * Builds and converges a mesh. Throws if it does not converge within 10 s of mesh time.
     */
    static OverlayMesh converged(int downstreams, long baseMicros) {
        OverlayMesh mesh = new OverlayMesh(downstreams, baseMicros);
        mesh.runUntil(mesh::routesConverged);
        for (int i = RELAY + 1; i < mesh.nodes.length; i++) {
            mesh.nodes[i].subscribe(mesh.now, CHANNEL, mesh.nodes[SOURCE].self());
        }
        mesh.runUntil(mesh::subscribed);
        return mesh;
    }

    static InetSocketAddress address(int index) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 1, (byte) (index + 1)}), 7000);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    OverlayNode source() {
        return nodes[SOURCE];
    }

    OverlayNode relay() {
        return nodes[RELAY];
    }

    OverlayNode downstream(int i) {
        return nodes[RELAY + 1 + i];
    }

    int downstreamCount() {
        return nodes.length - RELAY - 1;
    }

    InetSocketAddress sourceAddress() {
        return addresses[SOURCE];
    }

    InetSocketAddress relayAddress() {
        return addresses[RELAY];
    }

    /** The mesh time after convergence; callers continue from here. */
    long now() {
        return now;
    }

    /**
     * Hands {@code frame} to node {@code to} as if {@code from} had sent it, then routes what the engines produce.
     * Payloads delivered to local subscribers are kept for {@link #received}.
     *
     * @param frame borrows
     */
    void deliver(long nowMicros, int from, int to, ByteBuf frame) {
        now = Math.max(now, nowMicros);
        nodes[to].handleDatagram(now, addresses[from], frame);
        pump();
    }

    /** Payloads (as heap copies, owned by the mesh) that node {@code index} delivered to its local subscribers. */
    List<ByteBuf> received(int index) {
        return received.get(index);
    }

    /** Releases every payload kept by {@link #deliver}. */
    void close() {
        for (List<ByteBuf> list : received) {
            list.forEach(ByteBuf::release);
            list.clear();
        }
    }

    private boolean routesConverged() {
        NodeId source = nodes[SOURCE].self();
        NodeId relay = nodes[RELAY].self();
        for (int i = RELAY + 1; i < nodes.length; i++) {
            if (!relay.equals(nodes[i].nextHop(source)) || !relay.equals(nodes[SOURCE].nextHop(nodes[i].self()))) {
                return false;
            }
        }
        return source.equals(nodes[RELAY].nextHop(source));
    }

    private boolean subscribed() {
        if (!nodes[SOURCE].hasChannel(CHANNEL)) {
            return false;
        }
        for (ChannelSnapshot channel : nodes[RELAY].channels()) {
            if (channel.channel().equals(CHANNEL)) {
                return channel.downstreamCount() == downstreamCount()
                        && nodes[SOURCE].self().equals(channel.upstream());
            }
        }
        return false;
    }

    private void runUntil(java.util.function.BooleanSupplier done) {
        for (int step = 0; step < MAX_STEPS; step++) {
            for (OverlayNode node : nodes) {
                if (node.pollTimeoutMicros() <= now) {
                    node.handleTimeout(now);
                }
            }
            pump();
            if (done.getAsBoolean()) {
                return;
            }
            now += STEP_MICROS;
        }
        throw new IllegalStateException("overlay mesh did not converge in " + MAX_STEPS + " steps");
    }

    /** Delivers every pending output until all engines are drained. */
    private void pump() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int i = 0; i < nodes.length; i++) {
                OverlayOutput output;
                while ((output = nodes[i].pollOutput()) != null) {
                    moved = true;
                    if (output instanceof OverlayOutput.Transmit transmit) {
                        ByteBuf copy = Unpooled.copiedBuffer(transmit.frame());
                        transmit.frame().release();
                        nodes[indexOf(transmit.to())].handleDatagram(now, addresses[i], copy);
                    } else if (output instanceof OverlayOutput.ChannelDataReceived data) {
                        received.get(i).add(data.payload());
                    }
                }
            }
        }
    }

    private int indexOf(InetSocketAddress address) {
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i].equals(address)) {
                return i;
            }
        }
        throw new IllegalStateException("frame sent to unknown address " + address);
    }
}
