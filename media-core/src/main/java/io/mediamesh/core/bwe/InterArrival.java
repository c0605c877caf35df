package io.mediamesh.core.bwe;

/**
 * Groups packets into send-time bursts of {@value #GROUP_MICROS} µs and yields, per completed group, the send-time
 * and arrival-time deltas to the previous group (GCC §5.1; libwebrtc InterArrival). A packet sent before the current
 * group began (reordered) is ignored; a packet that arrives in a burst right behind the group (arrival delta under
 * the group length and less than its send delta) joins it, so bursts released by a queue are not read as delay
 * decrease. Allocation-free.
 */
final class InterArrival {
    static final long GROUP_MICROS = 5_000;
    private static final long BURST_MICROS = 5_000;

    private boolean hasCurrent;
    private long currentFirstSend;
    private long currentLastSend;
    private long currentFirstArrival;
    private long currentLastArrival;
    private boolean hasPrevious;
    private long previousLastSend;
    private long previousLastArrival;

    private long sendDelta;
    private long arrivalDelta;

    /**
     * @return whether a group just completed; then {@link #sendDeltaMicros()} and {@link #arrivalDeltaMicros()}
     *     hold its deltas to the group before it
     */
    boolean add(long sendMicros, long arrivalMicros) {
        if (!hasCurrent) {
            startGroup(sendMicros, arrivalMicros);
            return false;
        }
        if (sendMicros < currentFirstSend) {
            return false;
        }
        if (belongsToCurrent(sendMicros, arrivalMicros)) {
            currentLastSend = Math.max(currentLastSend, sendMicros);
            currentLastArrival = Math.max(currentLastArrival, arrivalMicros);
            return false;
        }
        boolean completed = false;
        if (hasPrevious) {
            sendDelta = currentLastSend - previousLastSend;
            arrivalDelta = currentLastArrival - previousLastArrival;
            completed = true;
        }
        hasPrevious = true;
        previousLastSend = currentLastSend;
        previousLastArrival = currentLastArrival;
        startGroup(sendMicros, arrivalMicros);
        return completed;
    }

    private boolean belongsToCurrent(long sendMicros, long arrivalMicros) {
        if (sendMicros - currentFirstSend <= GROUP_MICROS) {
            return true;
        }
        long arrivalDeltaToLast = arrivalMicros - currentLastArrival;
        long sendDeltaToLast = sendMicros - currentLastSend;
        return arrivalDeltaToLast >= 0 && arrivalDeltaToLast < BURST_MICROS && arrivalDeltaToLast < sendDeltaToLast
                && arrivalMicros - currentFirstArrival < 100_000;
    }

    private void startGroup(long sendMicros, long arrivalMicros) {
        hasCurrent = true;
        currentFirstSend = sendMicros;
        currentLastSend = sendMicros;
        currentFirstArrival = arrivalMicros;
        currentLastArrival = arrivalMicros;
    }

    long sendDeltaMicros() {
        return sendDelta;
    }

    long arrivalDeltaMicros() {
        return arrivalDelta;
    }

    void reset() {
        hasCurrent = false;
        hasPrevious = false;
    }
}
