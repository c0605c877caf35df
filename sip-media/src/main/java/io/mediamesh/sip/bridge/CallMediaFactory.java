package io.mediamesh.sip.bridge;

import java.io.IOException;

/** Opens the media of call legs. Thread-safe. */
public interface CallMediaFactory {

    /**
     * Reserves an RTP port (and the next one for RTCP) from the configured range for a new call leg of peer
     * {@code peer} in {@code room}. Nothing is published or sent until the first
     * {@link CallMedia#apply(io.mediamesh.sip.sdp.NegotiatedAudio)}.
     *
     * @throws IOException when no port of the range can be bound (the call is then refused with 503)
     */
    CallMedia open(String room, String peer, CallMediaListener listener) throws IOException;

    /** The address phones send RTP to, for the SDP {@code c=} line; null when the signalling layer knows better. */
    default String advertisedAddress() {
        return null;
    }
}
