package io.mediamesh.sip.media.dtmf;

/**
 * Turns a stream of RFC 4733 telephone-event packets into exactly one {@link DtmfDigit} per key press. Sans-IO:
 * the caller hands in each packet of the telephone-event payload type (in arrival order) with its RTP timestamp,
 * and the time, and gets a digit back when a press completes.
 *
 * <p>All packets of one event carry the same RTP timestamp (the event's start, RFC 4733 §2.5.1.2), growing
 * durations, and the final one is sent three times with the E bit. So a press is identified by its timestamp:
 * <ul>
 *   <li>the first end packet of an event reports it; its retransmissions, and any packet of an event already
 *       reported or older, are ignored;</li>
 *   <li>an event whose end packets were all lost is reported (with {@code ended == false} and the last duration
 *       seen) when a packet of a newer event arrives, or from {@link #poll(long)} once no packet of it has come for
 *       {@link #TIMEOUT_MILLIS};</li>
 *   <li>the same digit pressed twice is two events (two timestamps), reported twice.</li>
 * </ul>
 * Long events split into segments (§2.5.2.3, durations beyond 65535 units) are reported per segment. Allocation only
 * for the returned digit; not thread-safe.
 */
public final class DtmfDetector {
    /** How long an event may go without packets before {@link #poll(long)} closes it. */
    public static final long TIMEOUT_MILLIS = 500;

    private final int clockRate;
    private boolean active;
    private long activeTimestamp;
    private int activeEvent;
    private int activeDuration;
    private long lastPacketMillis;
    private boolean anyReported;
    private long lastReportedTimestamp;
    private DtmfDigit pending;

    /** A detector for events at {@code clockRate} Hz (the telephone-event rtpmap rate, 8000 for narrowband). */
    public DtmfDetector(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * Feeds one telephone-event packet; returns the key press it completes, or null.
     *
     * @param rtpTimestamp the packet's RTP timestamp (32-bit, unsigned)
     * @param payload      the RTP payload; its first 4 bytes are the event (redundant RFC 2198 blocks are not
     *                     expected here)
     */
    public DtmfDigit onPacket(long rtpTimestamp, byte[] payload, int offset, int length, long nowMillis) {
        TelephoneEvent.check(payload, offset, length);
        long timestamp = rtpTimestamp & 0xFFFFFFFFL;
        int event = TelephoneEvent.event(payload, offset);
        int duration = TelephoneEvent.duration(payload, offset);
        boolean end = TelephoneEvent.isEnd(payload, offset);
        if (anyReported && !isNewer(timestamp, lastReportedTimestamp)) {
            return null; // a retransmitted end packet, or a straggler of an event already reported
        }
        DtmfDigit closed = null;
        if (active && timestamp != activeTimestamp) {
            if (!isNewer(timestamp, activeTimestamp)) {
                return null; // a late packet of an older, never reported event: the newer one is under way
            }
            closed = report(false);
        }
        if (!active) {
            active = true;
            activeTimestamp = timestamp;
            activeEvent = event;
            activeDuration = 0;
        }
        activeDuration = Math.max(activeDuration, duration);
        lastPacketMillis = nowMillis;
        if (end) {
            DtmfDigit finished = report(true);
            if (closed == null) {
                return finished;
            }
            pending = finished; // two presses completed by one packet: the older now, this one from poll
        }
        return closed;
    }

    /**
     * Returns a press completed earlier but not yet returned (when one packet completed two), or closes an event
     * whose packets stopped without an end packet; call on every playout tick.
     */
    public DtmfDigit poll(long nowMillis) {
        if (pending != null) {
            DtmfDigit queued = pending;
            pending = null;
            return queued;
        }
        if (active && nowMillis - lastPacketMillis >= TIMEOUT_MILLIS) {
            return report(false);
        }
        return null;
    }

    /** Whether a key is being held (an event started and not yet reported). */
    public boolean inProgress() {
        return active;
    }

    /** Forgets everything (a new stream: a new SSRC restarts the timestamps). */
    public void reset() {
        active = false;
        anyReported = false;
        pending = null;
    }

    private DtmfDigit report(boolean ended) {
        active = false;
        anyReported = true;
        lastReportedTimestamp = activeTimestamp;
        int millis = (int) ((long) activeDuration * 1000 / clockRate);
        return new DtmfDigit(activeEvent, TelephoneEvent.digitOf(activeEvent), activeTimestamp, activeDuration,
                millis, ended);
    }

    /** Whether 32-bit timestamp {@code a} is after {@code b}, modulo wrap-around. */
    private static boolean isNewer(long a, long b) {
        return (int) (a - b) > 0;
    }
}
