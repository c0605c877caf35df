package io.mediamesh.e2e;

/**
 * Watches a viewer's framesDecoded after a fault (a killed relay node). The longest stretch without a newly decoded
 * frame is the freeze the fault caused, and the time of the first new frame after it is when media resumed. Posts
 * are ordered by the page's own clock {@code t}, since posts sent 100 ms apart may overtake each other; a post older
 * than one already seen is ignored.
 */
final class FreezeMeter {
    private final double atFault;
    private double maxFrames;
    private double lastPageTime;
    private long lastGrowthMillis;
    private long freezeStartMillis;
    private long freezeEndMillis = -1;
    private long ongoingUntilMillis = -1;

    FreezeMeter(double atFault, double pageTimeAtFault) {
        this.atFault = atFault;
        this.maxFrames = atFault;
        this.lastPageTime = pageTimeAtFault;
    }

    /** One progress post: when it arrived (since the fault), the page's clock in it, and its frame count. */
    void add(long millisSinceFault, double pageTime, double framesDecoded) {
        if (!(pageTime > lastPageTime)) {
            return;
        }
        lastPageTime = pageTime;
        if (framesDecoded > maxFrames) {
            if (freezeEndMillis < 0 || millisSinceFault - lastGrowthMillis > freezeMillis()) {
                freezeStartMillis = lastGrowthMillis;
                freezeEndMillis = millisSinceFault;
            }
            lastGrowthMillis = millisSinceFault;
            maxFrames = framesDecoded;
        }
    }

    /**
     * Closes the watch at {@code millisSinceFault}: a freeze still going on then and longer than every earlier
     * one means media has not resumed.
     */
    void finish(long millisSinceFault) {
        if (freezeEndMillis >= 0 && millisSinceFault - lastGrowthMillis > freezeMillis()) {
            freezeStartMillis = lastGrowthMillis;
            freezeEndMillis = -1;
            ongoingUntilMillis = millisSinceFault;
        } else if (freezeEndMillis < 0) {
            ongoingUntilMillis = millisSinceFault;
        }
    }

    double framesSinceFault() {
        return maxFrames - atFault;
    }

    /** Milliseconds from the fault to the first frame after the longest freeze; -1 if media has not resumed. */
    long resumeMillis() {
        return freezeEndMillis;
    }

    /** The longest freeze that ended; 0 before any frame came. */
    long freezeMillis() {
        return freezeEndMillis < 0 ? 0 : freezeEndMillis - freezeStartMillis;
    }

    String describe() {
        String frames = framesSinceFault() + " frames since the fault";
        if (freezeEndMillis < 0) {
            return "not resumed: no frame decoded from " + freezeStartMillis + " ms after the fault until "
                    + ongoingUntilMillis + " ms; " + frames;
        }
        return "longest freeze " + freezeMillis() + " ms, from " + freezeStartMillis + " to " + freezeEndMillis
                + " ms after the fault; " + frames;
    }
}
