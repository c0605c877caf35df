package io.mediamesh.sip.sdp;

/**
 * One payload type of an m= line with its {@code a=rtpmap} and {@code a=fmtp}.
 *
 * @param payloadType the RTP payload type (0..127)
 * @param encoding    the encoding name, or null for a static type listed without an rtpmap
 * @param clockRate   the clock rate, 0 when unknown
 * @param channels    the channel count (1 when not given)
 * @param fmtp        the format parameters, or null
 */
public record RtpFormat(int payloadType, String encoding, int clockRate, int channels, String fmtp) {

    /** Whether this is RFC 4733 {@code telephone-event}. */
    public boolean isTelephoneEvent() {
        return encoding != null && encoding.equalsIgnoreCase("telephone-event");
    }
}
