package io.mediamesh.sip.media.dtmf;

/**
 * One key press recognised by {@link DtmfDetector}.
 *
 * @param event          the RFC 4733 event code (0..15 DTMF, 16 flash, others as received)
 * @param digit          the DTMF character, or 0 for a non-digit event
 * @param startTimestamp the RTP timestamp shared by all packets of the event (its start)
 * @param duration       the duration in RTP timestamp units
 * @param durationMillis the duration in milliseconds at the stream's clock rate
 * @param ended          true when an end packet was seen; false when the event was closed by a following event or a
 *                       timeout without any of its end packets arriving
 */
public record DtmfDigit(int event, char digit, long startTimestamp, int duration, int durationMillis, boolean ended) {
}
