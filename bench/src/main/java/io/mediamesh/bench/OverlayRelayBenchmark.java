package io.mediamesh.bench;

import io.mediamesh.overlay.OverlayNode;
import io.mediamesh.overlay.OverlayOutput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the cluster overlay (issue #3) per 1200-byte packet: a source S, a relay R and {@code downstreams} nodes
 * subscribed through R, all {@link OverlayNode} engines wired in memory ({@link OverlayMesh}).
 *
 * <ul>
 *   <li>{@link #relay}: R handles one sealed ChannelData frame from S (copied from {@link SealedFrameRing} into a
 *       reused heap buffer, as a socket read would) and its outputs are drained: one AEAD open, one re-seal, one
 *       Transmit per downstream, each released in place of the socket write. Every {@code RING} operations the mesh
 *       is rebuilt (a fresh R accepts the ring again; see {@link SealedFrameRing}); that cost is included.</li>
 *   <li>{@link #publish}: S publishes one payload and its single Transmit (to R) is drained.</li>
 *   <li>{@link #publishAndRelay}: both in one operation with a freshly sealed frame, no ring: a cross-check.</li>
 * </ul>
 *
 * <p>Relayed frames per second per core = {@code downstreams / (ns/op) * 1e9}. The worker is a Netty
 * {@code FastThreadLocalThread} ({@link EventLoopThreadExecutor}), as for {@link ForwardingBenchmark}.
 *
 * <p>Warm-up is 6 × 1 s: the first seconds run at 10–80 µs/op until the AES-GCM intrinsics are compiled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {
    "-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.mediamesh.bench.EventLoopThreadExecutor"})
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 5, time = 1)
public class OverlayRelayBenchmark {
    static final int RING = 65_536;
    /** 150 packets per second, as in {@link ForwardingBenchmark}. */
    static final long PACKET_INTERVAL_MICROS = 6_667;

    @Param({"1", "4"})
    public int downstreams;

    private SealedFrameRing ring;
    private OverlayMesh mesh;
    private OverlayNode source;
    private OverlayNode relay;
    private InetSocketAddress sourceAddress;
    private InetSocketAddress relayAddress;
    private final ByteBuf datagram = Unpooled.buffer(2048);
    private final ByteBuf payload = Unpooled.buffer(SealedFrameRing.PAYLOAD_BYTES);
    private int cursor;
    private long nowMicros;
    private long expectedTransmits;
    private long transmits;
    private long otherOutputs;

    @Setup(Level.Trial)
    public void setUp() {
        if (!FastThreadLocalThread.currentThreadWillCleanupFastThreadLocals()) {
            System.err.println("WARNING: not running on a Netty FastThreadLocalThread (see EventLoopThreadExecutor)");
        }
        ring = SealedFrameRing.capture(downstreams, RING, PACKET_INTERVAL_MICROS);
        payload.writeBytes(ring.firstPayload());
        rebuild();
    }

    private void rebuild() {
        if (mesh != null) {
            mesh.close();
        }
        mesh = OverlayMesh.converged(downstreams, 0);
        source = mesh.source();
        relay = mesh.relay();
        sourceAddress = mesh.sourceAddress();
        relayAddress = mesh.relayAddress();
        nowMicros = mesh.now();
        cursor = 0;
    }

    /** R's per-packet cost: open, re-seal once, fan out to every downstream. */
    @Benchmark
    public void relay(Blackhole blackhole) {
        if (cursor == RING) {
            rebuild();
        }
        nowMicros += PACKET_INTERVAL_MICROS;
        relay.handleDatagram(nowMicros, sourceAddress, ring.copy(cursor++, datagram));
        expectedTransmits += downstreams;
        drain(relay, blackhole);
    }

    /** S's per-packet cost: seal once, one Transmit to R. */
    @Benchmark
    public int publish(Blackhole blackhole) {
        nowMicros += PACKET_INTERVAL_MICROS;
        int copies = source.publish(nowMicros, OverlayMesh.CHANNEL, payload);
        expectedTransmits += 1;
        drain(source, blackhole);
        return copies;
    }

    /** S publishes, R relays the freshly sealed frame: source-side plus relay-side cost in one operation. */
    @Benchmark
    public void publishAndRelay(Blackhole blackhole) {
        nowMicros += PACKET_INTERVAL_MICROS;
        source.publish(nowMicros, OverlayMesh.CHANNEL, payload);
        OverlayOutput output = source.pollOutput();
        if (output instanceof OverlayOutput.Transmit transmit && transmit.to().equals(relayAddress)) {
            relay.handleDatagram(nowMicros, sourceAddress, transmit.frame());
            transmit.frame().release();
        } else {
            otherOutputs++;
        }
        drain(source, blackhole);
        expectedTransmits += downstreams;
        drain(relay, blackhole);
    }

    private void drain(OverlayNode node, Blackhole blackhole) {
        OverlayOutput output;
        while ((output = node.pollOutput()) != null) {
            if (output instanceof OverlayOutput.Transmit transmit) {
                blackhole.consume(transmit.frame().readableBytes());
                transmit.frame().release();
                transmits++;
            } else {
                otherOutputs++;
            }
        }
    }

    /** Fails the run when an engine did less (or other) work than claimed: a rejected frame would look fast. */
    @TearDown(Level.Iteration)
    public void check() {
        if (transmits != expectedTransmits || otherOutputs != 0) {
            throw new IllegalStateException("expected " + expectedTransmits + " Transmits, got " + transmits
                    + " and " + otherOutputs + " other outputs");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mesh.close();
    }
}
