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

    /** The session is closing: leave the room, end tracks, free state. Called once. */
    void onClose();
}
