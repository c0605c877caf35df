package io.mediamesh.sip.media;

/**
 * The playout buffer of one incoming RTP audio stream with a fixed packet time (20 ms for the gateway's codecs).
 * Sans-IO: {@link #push} hands in each packet as it arrives, {@link #pop} is called on every playout tick and gives
 * the frame to decode, or says it is missing so the caller conceals it. The time is always an argument.
 *
 * <p>Behaviour:
 * <ul>
 *   <li>Packets are ordered by their sequence number, extended over the 16-bit wrap-around; reordered packets are
 *       put back in order, duplicates are counted and dropped, and a packet whose turn has passed is counted as
 *       late and dropped.</li>
 *   <li>Playout starts (and restarts after the buffer ran dry) once the first packet waiting has been held for the
 *       target delay. A frame absent at its turn while later ones are buffered is lost: {@link Kind#MISSING}, and
 *       the playout moves on. When nothing at all is buffered the tick is {@link Kind#MISSING} too, the playout
 *       position stays, and the buffer refills to the target delay before playing on: that is how the delay grows
 *       after a stall, and how a burst after a gap is played in order.</li>
 *   <li>The target delay follows the RFC 3550 interarrival jitter J (§6.4.1, A.8): {@code 4 J} rounded up to whole
 *       frames, kept between the minimum and maximum delay. When more than the target plus a frame is buffered,
 *       one frame is dropped every {@value #SHRINK_INTERVAL} ticks to bring the delay back down; more than the
 *       maximum delay buffered is cut down to the target at once.</li>
 *   <li>A jump of more than {@value #MAX_JUMP} sequence numbers forward starts over (a new stream, or an outage so
 *       long the buffer is stale); one that far backward starts over only when the next packet follows it (the
 *       RFC 3550 A.1 probation), otherwise it was a straggler. {@link #reset()} is for an SSRC change.</li>
 * </ul>
 * Payloads are copied into buffers allocated at construction; push and pop allocate nothing. Not thread-safe.
 */
public final class JitterBuffer {
    /** A jump of more sequence numbers than this restarts the buffer. */
    public static final int MAX_JUMP = 100;
    /** Ticks between two frames dropped to shrink the delay. */
    public static final int SHRINK_INTERVAL = 10;

    /** What a {@link #pop} tick yields. */
    public enum Kind {
        /** A frame to decode: {@link Playout#payload()}. */
        FRAME,
        /** The frame of this tick is lost, late or not yet buffered: conceal it. */
        MISSING,
        /** Nothing has been received since the start or the last reset: play nothing or silence. */
        IDLE
    }

    /** What {@link #push} did with a packet. */
    public enum PushResult {
        ACCEPTED, DUPLICATE, LATE, RESET, TOO_LARGE
    }

    /** The outcome of a {@link #pop}: one object reused on every tick, valid until the next pop. */
    public static final class Playout {
        private final byte[] payload;
        private Kind kind = Kind.IDLE;
        private int length;
        private int sequence;
        private long timestamp;

        private Playout(int maxPayload) {
            payload = new byte[maxPayload];
        }

        public Kind kind() {
            return kind;
        }

        /** The payload bytes, {@link #length()} of them; meaningful for {@link Kind#FRAME}. */
        public byte[] payload() {
            return payload;
        }

        public int length() {
            return length;
        }

        /** The 16-bit RTP sequence number of the frame (of the missing one, for {@link Kind#MISSING}). */
        public int sequence() {
            return sequence;
        }

        /** The RTP timestamp of the frame ({@link Kind#FRAME} only). */
        public long timestamp() {
            return timestamp;
        }
    }

    private enum State { IDLE, BUFFERING, PLAYING }

    private static final long NONE = Long.MIN_VALUE;
    /** Where extended sequence numbers start, so that going backward from the first packet stays positive. */
    private static final long EXTENDED_BASE = 1L << 32;

    private final int clockRate;
    private final int frameMillis;
    private final int minDelayMillis;
    private final int maxDelayMillis;
    private final int mask;
    private final byte[][] payloads;
    private final int[] lengths;
    private final long[] sequences;
    private final long[] timestamps;
    private final Playout playout;

    private State state = State.IDLE;
    /** The extended sequence number of the next frame to play. */
    private long cursor;
    private long highest;
    private int buffered;
    private boolean started;
    private long bufferingSince = NONE;
    private int ticksSinceShrink;
    private int probationSequence = -1;

    private long lastArrivalMillis = NONE;
    private long lastTimestamp;
    /** RFC 3550 interarrival jitter, in timestamp units. */
    private double jitter;

    private long received;
    private long late;
    private long duplicates;
    private long lost;
    private long discarded;
    private long underruns;
    private long resets;

    /**
     * @param clockRate       the RTP clock rate (8000 for G.711, 48000 for Opus)
     * @param frameMillis     the packet time (20)
     * @param minDelayMillis  the smallest target delay (e.g. 20)
     * @param maxDelayMillis  the largest target delay and the most ever buffered (e.g. 200)
     * @param maxPayloadBytes the largest payload accepted
     */
    public JitterBuffer(int clockRate, int frameMillis, int minDelayMillis, int maxDelayMillis, int maxPayloadBytes) {
        if (clockRate <= 0 || frameMillis <= 0 || minDelayMillis < 0 || maxDelayMillis < Math.max(minDelayMillis,
                frameMillis) || maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("clock " + clockRate + ", frame " + frameMillis + " ms, delay "
                    + minDelayMillis + ".." + maxDelayMillis + " ms, payload " + maxPayloadBytes);
        }
        this.clockRate = clockRate;
        this.frameMillis = frameMillis;
        this.minDelayMillis = minDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        int maxFrames = maxDelayMillis / frameMillis + 1;
        int capacity = Integer.highestOneBit(2 * maxFrames + 2) << 1;
        this.mask = capacity - 1;
        this.payloads = new byte[capacity][maxPayloadBytes];
        this.lengths = new int[capacity];
        this.sequences = new long[capacity];
        this.timestamps = new long[capacity];
        this.playout = new Playout(maxPayloadBytes);
        java.util.Arrays.fill(sequences, NONE);
    }

    /** {@link #push(int, long, byte[], int, int, long)} of a whole array. */
    public PushResult push(int sequence, long rtpTimestamp, byte[] payload, long nowMillis) {
        return push(sequence, rtpTimestamp, payload, 0, payload.length, nowMillis);
    }

    /** Hands in a packet that arrived at {@code nowMillis}; its payload is copied. */
    public PushResult push(int sequence, long rtpTimestamp, byte[] payload, int offset, int length,
            long nowMillis) {
        if (length > playout.payload.length) {
            return PushResult.TOO_LARGE;
        }
        int seq = sequence & 0xFFFF;
        long timestamp = rtpTimestamp & 0xFFFFFFFFL;
        if (state == State.IDLE) {
            restart(seq);
            updateJitter(timestamp, nowMillis);
            store(highest, timestamp, payload, offset, length, nowMillis);
            return PushResult.ACCEPTED;
        }
        long extended = highest + (short) (seq - (int) (highest & 0xFFFF));
        long jump = extended - highest;
        if (jump > MAX_JUMP || jump < -MAX_JUMP) {
            if (jump < 0 && seq != probationSequence) {
                probationSequence = (seq + 1) & 0xFFFF;
                late++;
                return PushResult.LATE;
            }
            resets++;
            reset();
            restart(seq);
            updateJitter(timestamp, nowMillis);
            store(highest, timestamp, payload, offset, length, nowMillis);
            return PushResult.RESET;
        }
        probationSequence = -1;
        if (sequences[(int) (extended & mask)] == extended) {
            duplicates++;
            return PushResult.DUPLICATE;
        }
        updateJitter(timestamp, nowMillis); // late packets too: they are the jitter
        if (extended < cursor) {
            if (started || highest - extended > mask) {
                late++;
                return PushResult.LATE;
            }
            cursor = extended; // an earlier packet of the first burst, before playout began
        }
        if (extended - cursor > mask) {
            discardUpTo(extended - mask); // no room: the oldest frames go
        }
        if (extended > highest) {
            highest = extended;
        }
        store(extended, timestamp, payload, offset, length, nowMillis);
        if (started && (highest - cursor + 1) * frameMillis > maxDelayMillis) {
            discardUpTo(highest - maxDelayMillis / frameMillis + 1); // never hold more than the maximum delay
        }
        return PushResult.ACCEPTED;
    }

    /** The frame of this playout tick, or why there is none. */
    public Playout pop(long nowMillis) {
        if (state == State.IDLE) {
            return emit(Kind.IDLE, 0);
        }
        if (state == State.BUFFERING) {
            if (buffered == 0 || nowMillis - bufferingSince < targetDelayMillis()) {
                return emit(Kind.MISSING, cursor);
            }
            while (sequences[(int) (cursor & mask)] != cursor) {
                cursor++; // resume at the oldest buffered frame; those before it were lost during the stall
            }
            state = State.PLAYING;
            started = true;
        }
        int targetFrames = targetFrames();
        if ((highest - cursor + 1) * frameMillis > maxDelayMillis) {
            discardUpTo(highest - targetFrames + 1);
        }
        int slot = (int) (cursor & mask);
        if (sequences[slot] == cursor) {
            System.arraycopy(payloads[slot], 0, playout.payload, 0, lengths[slot]);
            playout.length = lengths[slot];
            playout.timestamp = timestamps[slot];
            sequences[slot] = NONE;
            buffered--;
            emit(Kind.FRAME, cursor);
            cursor++;
            ticksSinceShrink++;
            if (highest - cursor + 1 > targetFrames + 1 && ticksSinceShrink >= SHRINK_INTERVAL) {
                discardUpTo(cursor + 1);
                ticksSinceShrink = 0;
            }
            return playout;
        }
        emit(Kind.MISSING, cursor);
        if (buffered > 0) {
            lost++;
            cursor++;
        } else {
            underruns++;
            state = State.BUFFERING;
            bufferingSince = NONE;
        }
        return playout;
    }

    /** Empties the buffer and forgets the stream (call on an SSRC change). Counters are kept. */
    public void reset() {
        java.util.Arrays.fill(sequences, NONE);
        buffered = 0;
        state = State.IDLE;
        started = false;
        bufferingSince = NONE;
        lastArrivalMillis = NONE;
        jitter = 0;
        probationSequence = -1;
        ticksSinceShrink = 0;
    }

    /** The current target delay in milliseconds: 4 J in whole frames, between the minimum and maximum. */
    public int targetDelayMillis() {
        double jitterMillis = jitter * 1000 / clockRate;
        int frames = (int) Math.ceil(4 * jitterMillis / frameMillis);
        return Math.max(minDelayMillis, Math.min(maxDelayMillis, frames * frameMillis));
    }

    /** The RFC 3550 interarrival jitter, in milliseconds. */
    public double jitterMillis() {
        return jitter * 1000 / clockRate;
    }

    /** The frames buffered and not yet played. */
    public int bufferedFrames() {
        return buffered;
    }

    public long received() {
        return received;
    }

    public long late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Ticks that were {@link Kind#MISSING} because the frame never came (later frames had). */
    public long lost() {
        return lost;
    }

    /** Frames dropped to keep the delay down (overflow or shrinking). */
    public long discarded() {
        return discarded;
    }

    /** Times the buffer ran dry while playing. */
    public long underruns() {
        return underruns;
    }

    /** Restarts on a sequence jump. */
    public long resets() {
        return resets;
    }

    private int targetFrames() {
        return Math.max(1, (targetDelayMillis() + frameMillis - 1) / frameMillis);
    }

    private void restart(int seq) {
        state = State.BUFFERING;
        started = false;
        highest = EXTENDED_BASE + seq;
        cursor = highest;
    }

    private void store(long extended, long rtpTimestamp, byte[] payload, int offset, int length, long nowMillis) {
        int slot = (int) (extended & mask);
        System.arraycopy(payload, offset, payloads[slot], 0, length);
        lengths[slot] = length;
        sequences[slot] = extended;
        timestamps[slot] = rtpTimestamp;
        buffered++;
        received++;
        if (state == State.BUFFERING && bufferingSince == NONE) {
            bufferingSince = nowMillis;
        }
    }

    /** RFC 3550 A.8 over consecutive arrivals: D = (Rj - Ri) - (Sj - Si) in timestamp units; J += (|D| - J) / 16. */
    private void updateJitter(long rtpTimestamp, long nowMillis) {
        if (lastArrivalMillis != NONE) {
            double arrivalUnits = (double) (nowMillis - lastArrivalMillis) * clockRate / 1000;
            int timestampUnits = (int) (rtpTimestamp - lastTimestamp);
            double d = arrivalUnits - timestampUnits;
            jitter += (Math.abs(d) - jitter) / 16;
        }
        lastArrivalMillis = nowMillis;
        lastTimestamp = rtpTimestamp;
    }

    /** Drops every buffered frame before {@code newCursor} and moves the playout position there. */
    private void discardUpTo(long newCursor) {
        for (; cursor < newCursor; cursor++) {
            int slot = (int) (cursor & mask);
            if (sequences[slot] == cursor) {
                sequences[slot] = NONE;
                buffered--;
                discarded++;
            }
        }
    }

    private Playout emit(Kind kind, long extended) {
        playout.kind = kind;
        playout.sequence = (int) (extended & 0xFFFF);
        if (kind != Kind.FRAME) {
            playout.length = 0;
        }
        return playout;
    }
}
