/**
 * RFC 4733 DTMF of the SIP gateway (issue #7): the 4-byte telephone-event payload
 * ({@link io.mediamesh.sip.media.dtmf.TelephoneEvent}) and the sans-IO
 * {@link io.mediamesh.sip.media.dtmf.DtmfDetector} that turns its packet stream, retransmitted end packets included,
 * into one {@link io.mediamesh.sip.media.dtmf.DtmfDigit} per key press. Pure: the time is an argument.
 */
package io.mediamesh.sip.media.dtmf;
