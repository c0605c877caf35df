package io.mediamesh.model.cluster;

/**
 * How busy a media node is, refreshed with every heartbeat.
 *
 * @param cpu           the node process's CPU use over the last sample, 0.0 to 1.0 of the whole machine
 * @param sessions      live WebRTC sessions (WHIP publishers plus WHEP viewers)
 * @param bandwidthBps  media sent plus received, in bits per second; 0 when the node does not measure it
 */
public record NodeLoad(double cpu, int sessions, long bandwidthBps) {

    /** A node that has just started. */
    public static final NodeLoad IDLE = new NodeLoad(0, 0, 0);

    public NodeLoad {
        if (Double.isNaN(cpu) || cpu < 0 || cpu > 1) {
            throw new IllegalArgumentException("cpu must be between 0 and 1, was " + cpu);
        }
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions must not be negative, was " + sessions);
        }
        if (bandwidthBps < 0) {
            throw new IllegalArgumentException("bandwidthBps must not be negative, was " + bandwidthBps);
        }
    }
}
