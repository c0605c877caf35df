package io.mediamesh.proto.demux;

/** The protocol a datagram on a bundled WebRTC 5-tuple belongs to, as decided by {@link Rfc7983}. */
public enum PacketClass {
    /** STUN (ICE connectivity checks and keepalives), first byte 0..3. */
    STUN,
    /** DTLS records (handshake and alerts), first byte 20..63. */
    DTLS,
    /** RTP (first byte 128..191, payload type outside the RTCP range). */
    RTP,
    /** RTCP (first byte 128..191, packet type 192..223). */
    RTCP,
    /** Anything else, including datagrams too short to classify. */
    UNKNOWN
}
