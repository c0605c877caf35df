package io.mediamesh.bench;

import io.mediamesh.core.srtp.SrtpProfile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocalThread;
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
 * Cost of forwarding one 1200-byte VP8 packet from a publisher to {@code subscribers} viewers on one core. One
 * operation is one inbound SRTP datagram: copy into a pooled heap buffer, unprotect, parse, fan-out, and per viewer
 * rewrite + protect (or rewrite only) + release in place of the socket write. The inbound packets are protected
 * before the measurement ({@link ProtectedPacketRing}); every 65,536 operations the inbound SRTP session is
 * re-created so the ring can be replayed (about 10 µs once per 65,536 packets, included in the figures).
 *
 * <p>Out-packets per second per core = {@code subscribers / (ns/op) * 1e9}. With {@code -prof gc}, JMH also
 * reports {@code gc.alloc.rate.norm}, the heap bytes allocated per operation.
 *
 * <p>The worker thread is a Netty {@code FastThreadLocalThread} ({@link EventLoopThreadExecutor}), as the node's
 * event loop is; the fork's JVM arguments select it.
 *
 * <p>The defaults (1 fork, 3 × 1 s warm-up, 5 × 1 s measurement) keep the whole run to about two minutes; pass
 * {@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r} to change them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsPrepend = {
    "-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.mediamesh.bench.EventLoopThreadExecutor"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ForwardingBenchmark {
    /** Inbound packets are about 6.7 ms apart: 150 packets per second, a 720p layer. */
    private static final long PACKET_INTERVAL_MICROS = 6_667;

    @Param({"1", "10", "100"})
    public int subscribers;

    @Param({"AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"})
    public SrtpProfile profile;

    private ProtectedPacketRing ring;
    private ForwardingPath srtpPath;
    private ForwardingPath plainPath;
    private final BlackholeWire wire = new BlackholeWire();
    private int cursor;
    private long nowMicros;
    private long operations;

    @Setup(Level.Trial)
    public void setUp() {
        if (!FastThreadLocalThread.currentThreadWillCleanupFastThreadLocals()) {
            System.err.println("WARNING: not running on a Netty FastThreadLocalThread (see EventLoopThreadExecutor):"
                    + " buffer recycling and pool thread caches are off, so time and allocation are overstated");
        }
        ring = new ProtectedPacketRing(BenchMedia.browserKeys(profile, 0), BenchMedia.PUBLISHER_SSRC,
                ProtectedPacketRing.FULL_CYCLE);
        srtpPath = ForwardingPath.create(profile, subscribers, true, PooledByteBufAllocator.DEFAULT, wire);
        plainPath = ForwardingPath.create(profile, subscribers, false, PooledByteBufAllocator.DEFAULT, wire);
    }

    /** The production path: inbound SRTP, fan-out, rewrite and outbound SRTP per viewer. */
    @Benchmark
    public boolean forward(Blackhole blackhole) {
        return next(srtpPath, blackhole);
    }

    /** The same without outbound SRTP, to show what the rewrite and the buffer handling cost alone. */
    @Benchmark
    public boolean forwardWithoutOutboundSrtp(Blackhole blackhole) {
        return next(plainPath, blackhole);
    }

    private boolean next(ForwardingPath path, Blackhole blackhole) {
        wire.blackhole = blackhole;
        if (cursor == ring.size()) {
            cursor = 0;
            path.rekeyInbound();
        }
        int i = cursor++;
        operations++;
        nowMicros += PACKET_INTERVAL_MICROS;
        return path.receive(ring.buffer(), ring.offset(i), ring.length(i), nowMicros);
    }

    /** Fails the run when the path did not do the work it claims to measure (a drop would look fast). */
    @TearDown(Level.Iteration)
    public void check() {
        for (ForwardingPath path : new ForwardingPath[] {srtpPath, plainPath}) {
            if (path.dropped() != 0 || path.protectFailures() != 0) {
                throw new IllegalStateException("forwarding path dropped " + path.dropped()
                        + " inbound packets and failed to protect " + path.protectFailures());
            }
        }
        if (wire.packetsOut != operations * subscribers) {
            throw new IllegalStateException(operations + " packets in, " + subscribers + " viewers, but "
                    + wire.packetsOut + " packets reached the wire");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        srtpPath.close();
        plainPath.close();
        ring.close();
    }

    /** Consumes the sent packet's length (so nothing is optimised away), then releases it as the socket would. */
    private static final class BlackholeWire implements PacketWire {
        private Blackhole blackhole;
        private long packetsOut;

        @Override
        public void send(Subscriber to, ByteBuf packet) {
            blackhole.consume(packet.readableBytes());
            packetsOut++;
            packet.release();
        }
    }
}
