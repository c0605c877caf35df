package io.mediamesh.rtmp.rtp;

import io.netty.buffer.ByteBuf;

/** Receives RTP packets from a packetiser. */
public interface RtpSink {
    /**
     * @param packet a whole RTP packet; borrowed for the call (the packetiser releases it afterwards)
     */
    void onPacket(ByteBuf packet);
}
