package io.mediamesh.sip.sdp;

/** An SDP that cannot be used, with the reason; the gateway answers an offer it cannot accept with 488. */
public final class SdpNegotiationException extends Exception {
    /** Why the SDP was refused. */
    public enum Reason {
        /** Not parseable SDP (a missing m= port, a non-numeric payload type, no v= line, ...). */
        MALFORMED,
        /** No audio stream with a non-zero port. */
        NO_AUDIO,
        /** The audio stream is not plain RTP ({@code RTP/AVP} or {@code RTP/AVPF}), e.g. SRTP. */
        UNSUPPORTED_TRANSPORT,
        /** None of the offered codecs is one we accept. */
        NO_COMMON_CODEC
    }

    private final Reason reason;

    public SdpNegotiationException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
