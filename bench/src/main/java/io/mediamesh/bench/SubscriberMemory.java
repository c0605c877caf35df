package io.mediamesh.bench;

import io.mediamesh.core.srtp.SrtpProfile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Retained memory per viewer: {@code K} viewers ({@link io.mediamesh.core.sfu.OutgoingStream}, its own
 * {@link io.mediamesh.core.srtp.SrtpSession} and the sink) attached to one publisher track, measured as the heap in
 * use after full GCs, against a baseline path with the same track and no viewers. Two figures per round:
 * "attached" (sessions keyed, streams attached, nothing sent yet) and "after traffic" (ten packets and one RTCP
 * sender report forwarded to every viewer, so each session has derived its SRTP and SRTCP contexts, the steady
 * state). A warm-up round runs first so that class loading, JIT and Netty's pool chunks are not counted.
 *
 * <p>jitsi-srtp keeps OpenSSL cipher contexts in native memory, which the heap figure misses; the process RSS delta
 * is printed as well. It only means something with a fully committed, pre-touched heap
 * ({@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}); otherwise heap growth shows up in it too.
 *
 * <p>Not included: everything else a viewer's connection holds in the node (ICE agent, DTLS endpoint, session
 * table entries, metrics tags).
 *
 * <p>Usage: {@code java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar
 * io.mediamesh.bench.SubscriberMemory [viewers=1000] [rounds=5] [profile, default both]}
 */
public final class SubscriberMemory {
    private static final int TRAFFIC_PACKETS = 10;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private SubscriberMemory() {
    }

    public static void main(String[] args) throws Exception {
        int viewers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("viewers per round: %d, rounds: %d, heap committed: %d MiB%n", viewers, rounds,
                MEMORY.getHeapMemoryUsage().getCommitted() >> 20);
        SrtpProfile[] profiles = args.length > 2 ? new SrtpProfile[] {SrtpProfile.valueOf(args[2])}
                : SrtpProfile.values();
        for (SrtpProfile profile : profiles) {
            List<AutoCloseable> kept = new ArrayList<>();
            measure(profile, viewers, kept);
            double[] attached = new double[rounds];
            double[] steady = new double[rounds];
            double[] rss = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                double[] result = measure(profile, viewers, kept);
                attached[round] = result[0];
                steady[round] = result[1];
                rss[round] = result[2];
            }
            for (AutoCloseable closeable : kept) {
                closeable.close();
            }
            System.out.printf("%s: heap bytes per viewer: attached %s, after traffic %s; RSS delta per viewer "
                    + "after traffic %s%n", profile, summary(attached), summary(steady), summary(rss));
        }
    }

    /**
     * One round: {attached heap bytes, after-traffic heap bytes, after-traffic RSS bytes} per viewer. The paths it
     * builds go to {@code kept} and stay alive until the caller closes them, so that native memory freed by one
     * round cannot be reused by the next one and hide from the RSS figure.
     */
    private static double[] measure(SrtpProfile profile, int viewers, List<AutoCloseable> kept) throws Exception {
        ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
        PacketWire release = (to, packet) -> packet.release();
        ProtectedPacketRing ring = new ProtectedPacketRing(BenchMedia.browserKeys(profile, 0),
                BenchMedia.PUBLISHER_SSRC, TRAFFIC_PACKETS);
        kept.add(ring);
        ForwardingPath baseline = ForwardingPath.create(profile, 0, true, allocator, release);
        kept.add(baseline);
        send(baseline, ring);
        long heapBefore = settledHeap();
        long rssBefore = rss();
        ForwardingPath path = ForwardingPath.create(profile, viewers, true, allocator, release);
        kept.add(path);
        long heapAttached = settledHeap();
        send(path, ring);
        for (Subscriber subscriber : path.subscribers()) {
            sendSenderReport(subscriber);
        }
        long heapSteady = settledHeap();
        long rssSteady = rss();
        return new double[] {
            (heapAttached - heapBefore) / (double) viewers,
            (heapSteady - heapBefore) / (double) viewers,
            (rssSteady - rssBefore) / (double) viewers};
    }

    private static void send(ForwardingPath path, ProtectedPacketRing ring) {
        for (int i = 0; i < ring.size(); i++) {
            if (!path.receive(ring.buffer(), ring.offset(i), ring.length(i), 6_667L * i)) {
                throw new IllegalStateException("packet " + i + " was not forwarded");
            }
        }
    }

    /** Protects one 28-byte sender report (RFC 3550 §6.4.1) so the viewer's session derives its SRTCP context. */
    private static void sendSenderReport(Subscriber subscriber) {
        ByteBuf report = Unpooled.buffer(64);
        try {
            report.writeByte(0x80).writeByte(200).writeShort(6).writeInt((int) subscriber.stream().ssrc());
            report.writeLong(0).writeInt(0).writeInt(TRAFFIC_PACKETS).writeInt(TRAFFIC_PACKETS * 1200);
            if (!subscriber.srtp().protectRtcp(report)) {
                throw new IllegalStateException("sender report not protected");
            }
        } finally {
            report.release();
        }
    }

    /** Heap in use after full collections, once two consecutive readings agree within 64 KiB. */
    private static long settledHeap() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 10; attempt++) {
            System.gc();
            Thread.sleep(50);
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - previous) < 64 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /** Resident set size of this process from /proc (Linux), or 0 elsewhere. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the RSS figure is simply not available.
        }
        return 0;
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("median %.0f B (min %.0f, max %.0f)", sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }
}
