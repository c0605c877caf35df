package io.mediamesh.model.cluster;

/** How a peer is connected to its media node. */
public enum PeerKind {
    /** A WHIP publisher (RFC 9725). */
    WHIP,
    /** A WHEP viewer. */
    WHEP,
    /** A full WebRTC SDK session (issue #4). */
    WEBRTC,
    /** An RTMP publisher (issue #6). */
    RTMP,
    /** A SIP call leg (issue #7). */
    SIP
}
