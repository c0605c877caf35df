package io.mediamesh.core.sfu;

import io.mediamesh.proto.rtcp.ReportBlock;

/**
 * Reception statistics of one incoming RTP stream, as RFC 3550 Appendix A.1, A.3 and A.8 define them, turned into
 * report blocks for the receiver reports the SFU sends to publishers. Primitive state only; owned by one thread.
 */
public final class ReceiveStatistics {
    private final long ssrc;
    private final int clockRate;
    private boolean started;
    private long baseSequence;
    private long highestSequence;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private long lastSenderReportNtpMiddle;
    private long lastSenderReportArrivalMicros;

    public ReceiveStatistics(long ssrc, int clockRate) {
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    /** Records one packet (its 16-bit sequence number, RTP timestamp and arrival time). */
    public void onPacket(int sequenceNumber, long rtpTimestamp, long arrivalMicros) {
        if (!started) {
            started = true;
            baseSequence = sequenceNumber;
            highestSequence = sequenceNumber;
        } else {
            long candidate = unwrap(sequenceNumber);
            if (candidate > highestSequence) {
                highestSequence = candidate;
            }
        }
        received++;
        long arrivalRtp = arrivalMicros * clockRate / 1_000_000L;
        long transit = arrivalRtp - rtpTimestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** Records a sender report's NTP time (RFC 3550 §6.4.1 LSR is its middle 32 bits). */
    public void onSenderReport(long ntpTimestamp, long arrivalMicros) {
        lastSenderReportNtpMiddle = (ntpTimestamp >>> 16) & 0xffffffffL;
        lastSenderReportArrivalMicros = arrivalMicros;
    }

    /** A report block for now; advances the "prior" counters of the fraction-lost interval. */
    public ReportBlock report(long nowMicros) {
        long expected = started ? highestSequence - baseSequence + 1 : 0;
        long lost = Math.max(-0x800000L, Math.min(0x7fffffL, expected - received));
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long dlsr = 0;
        if (lastSenderReportArrivalMicros != 0) {
            dlsr = (nowMicros - lastSenderReportArrivalMicros) * 65536L / 1_000_000L;
        }
        return new ReportBlock(ssrc, Math.min(fraction, 255), (int) lost, highestSequence & 0xffffffffL,
                (long) jitter, lastSenderReportNtpMiddle, dlsr);
    }

    public boolean started() {
        return started;
    }

    public long packetsReceived() {
        return received;
    }

    private long unwrap(int sequenceNumber) {
        long cycles = highestSequence & ~0xffffL;
        long candidate = cycles | sequenceNumber;
        long delta = candidate - highestSequence;
        if (delta > 0x8000) {
            candidate -= 0x10000;
        } else if (delta < -0x8000) {
            candidate += 0x10000;
        }
        return candidate;
    }
}
