package io.mediamesh.sip.sdp;

/**
 * An answer to a remote offer: the negotiated audio and the SDP text to send back.
 *
 * @param audio the negotiated audio stream
 * @param sdp   the answer SDP (CRLF line ends), for the 200 OK body
 */
public record SdpAnswer(NegotiatedAudio audio, String sdp) {
}
