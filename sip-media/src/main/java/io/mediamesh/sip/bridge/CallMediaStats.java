package io.mediamesh.sip.bridge;

/**
 * One call leg's media counters.
 *
 * @param packetsFromPhone RTP packets received from the phone
 * @param packetsToPhone   RTP packets sent to the phone
 * @param packetsIntoRoom  Opus packets published into the room
 * @param malformed        datagrams dropped as malformed or of an unknown payload type
 * @param lost             packets the jitter buffer counted as lost
 * @param jitterMillis     the phone stream's interarrival jitter
 * @param codec            the codec in use, e.g. {@code PCMU}, or empty before the first answer
 */
public record CallMediaStats(long packetsFromPhone, long packetsToPhone, long packetsIntoRoom, long malformed,
        long lost, double jitterMillis, String codec) {
}
