package io.mediamesh.sip.sdp;

/**
 * The outcome of an SDP offer/answer for an audio call: what to send, where, and whether to send at all.
 *
 * @param codec                      the codec both sides use
 * @param payloadType                its payload type, as the remote side numbered it
 * @param telephoneEventPayloadType  the RFC 4733 telephone-event payload type at the codec's clock rate, or -1
 * @param remoteAddress              where the remote side receives RTP (0.0.0.0 for an old-style hold)
 * @param remotePort                 its RTP port
 * @param localDirection             our direction: whether we send and receive
 * @param remoteHold                 whether the remote side put the call on hold (sendonly, inactive or c=0.0.0.0)
 * @param remotePtime                the remote side's a=ptime in ms, 0 when it gave none
 */
public record NegotiatedAudio(AudioCodec codec, int payloadType, int telephoneEventPayloadType,
        String remoteAddress, int remotePort, MediaDirection localDirection, boolean remoteHold, int remotePtime) {

    /** Whether we may send media to the remote side. */
    public boolean weSend() {
        return localDirection.sends();
    }

    /** Whether we expect media from the remote side. */
    public boolean weReceive() {
        return localDirection.receives();
    }
}
