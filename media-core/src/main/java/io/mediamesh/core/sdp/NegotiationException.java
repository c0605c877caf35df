package io.mediamesh.core.sdp;

/**
 * The offer cannot be answered. The message is written for the client that sent the offer (a WHIP
 * or WHEP endpoint returns it with HTTP 400/422), e.g. "offer has no ice-ufrag" or
 * "m-line 1 (mid 1) is not RTP/SAVPF (got RTP/AVP)".
 */
public class NegotiationException extends RuntimeException {

    public NegotiationException(String message) {
        super(message);
    }

    public NegotiationException(String message, Throwable cause) {
        super(message, cause);
    }
}
