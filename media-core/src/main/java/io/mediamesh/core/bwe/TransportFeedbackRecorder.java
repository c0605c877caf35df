package io.mediamesh.core.bwe;

import io.mediamesh.proto.rtcp.fb.PacketStatus;
import io.mediamesh.proto.rtcp.fb.TransportWideCc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The receive side of transport-wide congestion control: records the arrival time of every packet that carries a
 * transport-wide sequence number and turns them into {@link TransportWideCc} feedback for the sender, whose own
 * estimator (Chrome's, for a publisher) then measures the path: delay-based, with probing, instead of ramping up slowly
 * on loss reports alone. Sans-IO: times are arguments; recording a packet allocates nothing.
 *
 * <p>Each feedback covers the sequence numbers from the first not yet reported to the highest seen, marking the gaps
 * as not received. Packets that arrive after their number was reported are not reported again (the sender counts them
 * lost, as libwebrtc's receiver does). A feedback ends early where a receive delta would not fit in 16 bits (a pause of
 * more than 8 s) or after {@value #MAX_STATUSES} statuses; the rest goes in the next one.
 */
public final class TransportFeedbackRecorder {
    /** The most statuses one feedback carries, so it fits a datagram with room to spare. */
    public static final int MAX_STATUSES = 300;
    private static final int WINDOW = 1 << 12;
    private static final long NONE = Long.MIN_VALUE;

    private final long[] arrivals = new long[WINDOW];
    private long highest = -1;
    private long nextToReport = -1;
    private int feedbackCount;

    public TransportFeedbackRecorder() {
        Arrays.fill(arrivals, NONE);
    }

    /**
     * Records one packet.
     *
     * @param sequenceNumber the 16-bit transport-wide sequence number
     */
    public void onPacket(int sequenceNumber, long arrivalMicros) {
        long unwrapped;
        if (highest < 0) {
            unwrapped = sequenceNumber & 0xFFFF;
            nextToReport = unwrapped;
        } else {
            int delta = (short) ((sequenceNumber & 0xFFFF) - (int) (highest & 0xFFFF));
            unwrapped = highest + delta;
        }
        if (unwrapped < nextToReport || unwrapped <= highest - WINDOW) {
            return;
        }
        if (unwrapped > highest) {
            for (long s = Math.max(highest + 1, unwrapped - WINDOW + 1); s < unwrapped; s++) {
                arrivals[(int) (s & (WINDOW - 1))] = NONE;
            }
            highest = unwrapped;
            if (nextToReport <= highest - WINDOW) {
                nextToReport = highest - WINDOW + 1;
            }
        }
        arrivals[(int) (unwrapped & (WINDOW - 1))] = arrivalMicros;
    }

    /** Whether packets wait to be reported. */
    public boolean hasPending() {
        return highest >= 0 && nextToReport <= highest;
    }

    /**
     * The feedback for what arrived since the last one, or null when there is nothing to report.
     *
     * @param senderSsrc our RTCP SSRC
     * @param mediaSsrc  one SSRC of the sender's (transport-wide feedback is about all of them)
     */
    public TransportWideCc build(long senderSsrc, long mediaSsrc) {
        if (!hasPending()) {
            return null;
        }
        // The first reported number must have been received: the reference time is taken from it.
        while (nextToReport <= highest && arrivals[(int) (nextToReport & (WINDOW - 1))] == NONE) {
            nextToReport++;
        }
        if (nextToReport > highest) {
            return null;
        }
        long base = nextToReport;
        long firstArrival = arrivals[(int) (base & (WINDOW - 1))];
        long referenceTime = Math.floorDiv(firstArrival, TransportWideCc.REFERENCE_TIME_MICROS);
        long previousTicks = referenceTime * (TransportWideCc.REFERENCE_TIME_MICROS / PacketStatus.TICK_MICROS);
        List<PacketStatus> statuses = new ArrayList<>();
        long s = base;
        for (; s <= highest && statuses.size() < MAX_STATUSES; s++) {
            long arrival = arrivals[(int) (s & (WINDOW - 1))];
            int sequence = (int) (s & 0xFFFF);
            if (arrival == NONE) {
                statuses.add(new PacketStatus(sequence, PacketStatus.NOT_RECEIVED, 0));
                continue;
            }
            long ticks = Math.floorDiv(arrival, PacketStatus.TICK_MICROS);
            long delta = ticks - previousTicks;
            if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                break;
            }
            statuses.add(new PacketStatus(sequence, delta >= 0 && delta <= 255 ? PacketStatus.SMALL_DELTA
                    : PacketStatus.LARGE_DELTA, (int) delta));
            previousTicks = ticks;
        }
        // Trailing losses are not reported yet: a later packet may still fill them, and the next feedback starts there.
        int end = statuses.size();
        while (end > 0 && statuses.get(end - 1).symbol() == PacketStatus.NOT_RECEIVED) {
            end--;
        }
        nextToReport = base + end;
        TransportWideCc feedback = new TransportWideCc(senderSsrc, mediaSsrc, (int) (base & 0xFFFF),
                referenceTime & 0xFFFFFF, feedbackCount, statuses.subList(0, end));
        feedbackCount = (feedbackCount + 1) & 0xFF;
        return feedback;
    }
}
