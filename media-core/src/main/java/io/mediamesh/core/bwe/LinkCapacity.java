package io.mediamesh.core.bwe;

/**
 * The link capacity as seen at overuse (libwebrtc LinkCapacityEstimator): an exponential average of the acknowledged
 * throughput each time the delay detector fired, with a normalised deviation, so the rate controller knows whether
 * it is near the bottleneck (increase additively) or far from it (increase multiplicatively).
 */
final class LinkCapacity {
    private double estimateKbps = -1;
    private double deviation = 0.4;

    boolean known() {
        return estimateKbps >= 0;
    }

    double estimateBps() {
        return estimateKbps * 1000;
    }

    double upperBoundBps() {
        return known() ? (estimateKbps + 3 * spread()) * 1000 : Double.POSITIVE_INFINITY;
    }

    double lowerBoundBps() {
        return known() ? Math.max(0, estimateKbps - 3 * spread()) * 1000 : 0;
    }

    private double spread() {
        return Math.sqrt(estimateKbps * deviation);
    }

    void onOveruse(double ackedBps) {
        double sampleKbps = ackedBps / 1000;
        double alpha = 0.05;
        if (!known()) {
            estimateKbps = sampleKbps;
        } else {
            estimateKbps = (1 - alpha) * estimateKbps + alpha * sampleKbps;
        }
        double error = estimateKbps - sampleKbps;
        deviation = (1 - alpha) * deviation + alpha * error * error / Math.max(estimateKbps, 1);
        deviation = Math.max(0.4, Math.min(2.5, deviation));
    }

    void reset() {
        estimateKbps = -1;
    }
}
