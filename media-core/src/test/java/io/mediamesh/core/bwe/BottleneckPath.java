package io.mediamesh.core.bwe;

import io.mediamesh.proto.rtcp.fb.PacketStatus;
import io.mediamesh.proto.rtcp.fb.TransportWideCc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A deterministic, virtual-time simulation of one subscriber path for trace replays: a sender paces fixed-size
 * packets at the estimator's rate into a drop-tail bottleneck whose capacity follows a trace, with a one-way
 * propagation delay; the receiver returns transport-wide CC feedback (the real {@link TransportWideCc} packet class,
 * encoded the way libwebrtc encodes it: 64 ms reference time, 250 µs deltas) every {@value #FEEDBACK_MICROS} µs.
 */
final class BottleneckPath {
    static final long TICK_MICROS = 1_000;
    static final long FEEDBACK_MICROS = 100_000;
    private static final long DROPPED = -1;

    private final BandwidthEstimator estimator;
    private final LongUnaryOperator capacityBps;
    private final long propagationMicros;
    private final long maxQueueMicros;
    private final int packetBytes;
    private int dropEvery;

    private long[] arrivals = new long[1 << 16];
    private int sent;
    private int nextToReport;
    private long linkFreeAt;
    private double budgetBytes;
    private int feedbackCount;
    private long maxQueueDelayMicros;
    private final ArrayDeque<long[]> feedbackTimes = new ArrayDeque<>();
    private final ArrayDeque<TransportWideCc> feedbacks = new ArrayDeque<>();
    final List<long[]> trace = new ArrayList<>();

    BottleneckPath(BandwidthEstimator estimator, LongUnaryOperator capacityBps, long propagationMicros,
            long maxQueueMicros, int packetBytes) {
        this.estimator = estimator;
        this.capacityBps = capacityBps;
        this.propagationMicros = propagationMicros;
        this.maxQueueMicros = maxQueueMicros;
        this.packetBytes = packetBytes;
    }

    /** A random-loss-like policer in front of the queue: every {@code n}-th packet is lost (0: none). */
    BottleneckPath dropEvery(int n) {
        dropEvery = n;
        return this;
    }

    /** Runs until {@code endMicros}; records {@code [timeMicros, estimateBps, queueDelayMicros]} every 100 ms. */
    void run(long endMicros) {
        for (long now = 0; now < endMicros; now += TICK_MICROS) {
            while (!feedbackTimes.isEmpty() && feedbackTimes.peekFirst()[0] <= now) {
                feedbackTimes.pollFirst();
                estimator.onTransportFeedback(feedbacks.pollFirst(), now);
            }
            budgetBytes = Math.min(budgetBytes + estimator.estimateBps() / 8.0 * TICK_MICROS / 1e6, 4 * packetBytes);
            while (budgetBytes >= packetBytes) {
                budgetBytes -= packetBytes;
                send(now);
            }
            if (now % FEEDBACK_MICROS == 0 && now > 0) {
                buildFeedback(now);
            }
            if (now % 100_000 == 0) {
                trace.add(new long[] {now, estimator.estimateBps(), Math.max(0, linkFreeAt - now)});
            }
        }
    }

    private void send(long now) {
        if (sent == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, sent * 2);
        }
        estimator.onPacketSent(sent & 0xFFFF, packetBytes, now);
        if (dropEvery > 0 && sent % dropEvery == dropEvery - 1) {
            arrivals[sent++] = DROPPED;
            return;
        }
        long start = Math.max(now, linkFreeAt);
        long queueDelay = start - now;
        if (queueDelay > maxQueueMicros) {
            arrivals[sent++] = DROPPED;
            return;
        }
        maxQueueDelayMicros = Math.max(maxQueueDelayMicros, queueDelay);
        long service = (long) (packetBytes * 8e6 / capacityBps.applyAsLong(start));
        linkFreeAt = start + service;
        arrivals[sent++] = linkFreeAt + propagationMicros;
    }

    /** The receiver at {@code now}: reports everything up to the newest packet that has arrived. */
    private void buildFeedback(long now) {
        int last = -1;
        for (int seq = nextToReport; seq < sent; seq++) {
            if (arrivals[seq] == DROPPED) {
                continue;
            }
            if (arrivals[seq] > now) {
                break;
            }
            last = seq;
        }
        if (last < 0) {
            return;
        }
        long reference = -1;
        long previousTick = 0;
        List<PacketStatus> statuses = new ArrayList<>();
        for (int seq = nextToReport; seq <= last; seq++) {
            if (arrivals[seq] == DROPPED) {
                statuses.add(PacketStatus.notReceived(seq & 0xFFFF));
                continue;
            }
            long tick = arrivals[seq] / PacketStatus.TICK_MICROS;
            if (reference < 0) {
                reference = arrivals[seq] / TransportWideCc.REFERENCE_TIME_MICROS;
                previousTick = reference * (TransportWideCc.REFERENCE_TIME_MICROS / PacketStatus.TICK_MICROS);
            }
            statuses.add(PacketStatus.received(seq & 0xFFFF, (int) (tick - previousTick)));
            previousTick = tick;
        }
        TransportWideCc feedback = new TransportWideCc(1, 2, nextToReport & 0xFFFF, reference & 0xFFFFFF,
                feedbackCount++ & 0xFF, statuses);
        nextToReport = last + 1;
        feedbackTimes.addLast(new long[] {now + propagationMicros});
        feedbacks.addLast(feedback);
    }

    long maxQueueDelayMicros() {
        return maxQueueDelayMicros;
    }

    int sentPackets() {
        return sent;
    }

    long droppedPackets() {
        long dropped = 0;
        for (int i = 0; i < sent; i++) {
            dropped += arrivals[i] == DROPPED ? 1 : 0;
        }
        return dropped;
    }
}
