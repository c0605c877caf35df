package io.mediamesh.sip.bridge;

import io.mediamesh.sip.sdp.NegotiatedAudio;

/** The media of one call leg. Its methods may be called from any thread. */
public interface CallMedia extends AutoCloseable {

    /** The local RTP port, for the SDP {@code m=} line (RTCP is on the next port). */
    int rtpPort();

    /**
     * Starts the media with the negotiated audio, or updates it after a re-INVITE (hold, resume, new remote address
     * or codec). The call peer joins the room and publishes its {@code audio} track on the first call.
     */
    void apply(NegotiatedAudio audio);

    /** Counters for the admin API. */
    CallMediaStats stats();

    /** Stops the media, leaves the room and releases the ports. Idempotent. */
    @Override
    void close();
}
