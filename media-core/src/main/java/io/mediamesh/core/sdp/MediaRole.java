package io.mediamesh.core.sdp;

/** What the offering client wants from the server. */
public enum MediaRole {
    /** WHIP: the remote sends, we receive. Our m-lines answer {@code recvonly}. */
    PUBLISH,
    /** WHEP: we send, the remote receives. Our m-lines answer {@code sendonly}. */
    SUBSCRIBE
}
