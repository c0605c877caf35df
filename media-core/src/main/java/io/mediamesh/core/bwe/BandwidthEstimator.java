package io.mediamesh.core.bwe;

import io.mediamesh.proto.rtcp.fb.PacketStatus;
import io.mediamesh.proto.rtcp.fb.TransportWideCc;
import java.util.List;

/**
 * Send-side bandwidth estimate of one subscriber transport (see the package comment for the design). The node calls
 * {@link #onPacketSent} for every packet it sends with a transport-wide sequence number, {@link
 * #onTransportFeedback} for every TWCC feedback the subscriber returns and {@link #onRemb} for REMB, and reads
 * {@link #estimateBps()} to allocate. Sans-IO, allocation-free per packet and per feedback, not thread-safe (the
 * subscriber's event loop owns it).
 */
public final class BandwidthEstimator {
    private static final int HISTORY = 4096;
    private static final long REFERENCE_WRAP = 1 << 24;

    private final BweSettings settings;
    private final SentPacketHistory history = new SentPacketHistory(HISTORY);
    private final InterArrival interArrival = new InterArrival();
    private final TrendlineDetector detector = new TrendlineDetector();
    private final AckedBitrate acked = new AckedBitrate(HISTORY);
    private final AimdRateController delayBased;
    private final LossBasedController lossBased;

    private long referenceTime = -1;
    private long rttMicros = 100_000;
    private boolean sawTransportFeedback;
    private long rembBps = -1;
    private long estimateBps;
    private BandwidthUsage lastUsage = BandwidthUsage.NORMAL;

    public BandwidthEstimator(BweSettings settings) {
        this.settings = settings;
        this.delayBased = new AimdRateController(settings.startBps(), settings.minBps(), settings.maxBps());
        this.lossBased = new LossBasedController(settings.startBps(), settings.minBps(), settings.maxBps());
        this.estimateBps = settings.startBps();
    }

    /**
     * Records a packet sent to the subscriber.
     *
     * @param transportSequence the 16-bit transport-wide sequence number written into the packet
     * @param sizeBytes the packet's size on the wire (RTP header, payload, SRTP tag)
     */
    public void onPacketSent(int transportSequence, int sizeBytes, long nowMicros) {
        history.add(transportSequence & 0xFFFF, sizeBytes, nowMicros);
    }

    /** Applies one transport-wide CC feedback; returns the new estimate. */
    public long onTransportFeedback(TransportWideCc feedback, long nowMicros) {
        sawTransportFeedback = true;
        long arrival = unwrapReference(feedback.referenceTime()) * TransportWideCc.REFERENCE_TIME_MICROS;
        long base = history.unwrap(feedback.baseSequenceNumber());
        List<PacketStatus> statuses = feedback.packets();
        int lost = 0;
        int total = 0;
        long newestSend = Long.MIN_VALUE;
        boolean overuse = false;
        for (int i = 0; i < statuses.size(); i++) {
            PacketStatus status = statuses.get(i);
            if (status.isReceived()) {
                arrival += status.deltaMicros();
            }
            int slot = history.slot(base + i);
            if (slot < 0) {
                continue;
            }
            total++;
            if (!status.isReceived()) {
                lost++;
                continue;
            }
            if (history.markAcked(slot)) {
                continue;
            }
            long send = history.sendMicros(slot);
            newestSend = Math.max(newestSend, send);
            acked.add(arrival, history.size(slot));
            if (interArrival.add(send, arrival)) {
                overuse |= detector.update(interArrival.sendDeltaMicros(), interArrival.arrivalDeltaMicros(),
                        arrival) == BandwidthUsage.OVERUSING;
            }
        }
        if (newestSend != Long.MIN_VALUE) {
            // Feedback RTT: includes the receiver's feedback interval, as libwebrtc's does.
            rttMicros = (7 * rttMicros + Math.max(0, nowMicros - newestSend)) / 8;
        }
        lastUsage = overuse ? BandwidthUsage.OVERUSING : detector.state();
        delayBased.update(lastUsage, acked.bps(), rttMicros, nowMicros);
        lossBased.update(lost, total, estimateBps, acked.bps(), rttMicros, nowMicros);
        return recompute();
    }

    /** Applies a REMB: an upper limit when transport-wide feedback flows, the estimate itself when it does not. */
    public long onRemb(long bitrateBps, long nowMicros) {
        rembBps = Math.max(0, bitrateBps);
        return recompute();
    }

    private long recompute() {
        long estimate;
        if (!sawTransportFeedback) {
            estimate = rembBps >= 0 ? rembBps : settings.startBps();
        } else {
            estimate = Math.min(delayBased.bitrateBps(), lossBased.bitrateBps());
            if (rembBps >= 0) {
                estimate = Math.min(estimate, rembBps);
            }
        }
        estimateBps = Math.max(settings.minBps(), Math.min(settings.maxBps(), estimate));
        return estimateBps;
    }

    private long unwrapReference(long raw) {
        if (referenceTime < 0) {
            referenceTime = raw;
            return raw;
        }
        long diff = (raw - (referenceTime & (REFERENCE_WRAP - 1))) & (REFERENCE_WRAP - 1);
        if (diff >= REFERENCE_WRAP / 2) {
            diff -= REFERENCE_WRAP;
        }
        referenceTime += diff;
        return referenceTime;
    }

    /** The estimate to allocate from, bits per second. */
    public long estimateBps() {
        return estimateBps;
    }

    public long delayBasedBps() {
        return delayBased.bitrateBps();
    }

    public long lossBasedBps() {
        return lossBased.bitrateBps();
    }

    /** The last REMB, or -1 when none arrived. */
    public long rembBps() {
        return rembBps;
    }

    /** Loss fraction of the last transport-wide feedback. */
    public double lossFraction() {
        return lossBased.lastLoss();
    }

    /** Smoothed feedback round-trip time (includes the receiver's feedback interval). */
    public long rttMicros() {
        return rttMicros;
    }

    /** The delay detector's verdict at the last feedback. */
    public BandwidthUsage usage() {
        return lastUsage;
    }

    /** Acknowledged throughput, or -1 when not yet known. */
    public long ackedBps() {
        return (long) acked.bps();
    }
}
