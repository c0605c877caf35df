package io.mediamesh.node.session;

import io.mediamesh.proto.rtcp.RtcpPacket;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * What a session does with media once its transport is up: publish (WHIP) or play (WHEP). Called on the session's
 * event loop only.
 */
public interface SessionRole {
    /** DTLS completed and SRTP keys are in place: media may flow. */
    void onConnected(long nowMicros);

    /**
     * One decrypted RTP packet from the peer.
     *
     * @param packet borrows
     */
    void onRtp(ByteBuf packet, long nowMicros);

    /** The packets of one decrypted compound RTCP packet from the peer. */
    void onRtcp(List<RtcpPacket> packets, long nowMicros);

    /** The periodic tick (RTCP reports); only while connected. */
    void onTick(long nowMicros);

    /**
     * A new offer on the live session was answered (SDK renegotiation): {@code media} is the whole new set of
     * m-lines, {@code names} the sender names by mid. Roles that cannot change refuse it.
     */
    default void renegotiated(List<io.mediamesh.core.sdp.NegotiatedMedia> media, java.util.Map<String, String> names,
            long nowMicros) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " sessions cannot be renegotiated");
    }

    /** The session is closing: leave the room, end tracks, free state. Called once. */
    void onClose();
}
