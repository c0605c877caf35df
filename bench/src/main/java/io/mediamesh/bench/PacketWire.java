package io.mediamesh.bench;

import io.netty.buffer.ByteBuf;

/** Stands in for the UDP socket write at the end of the forwarding path. */
@FunctionalInterface
public interface PacketWire {
    /**
     * One packet leaving for {@code to} (SRTP-protected unless the path was built without outbound SRTP).
     *
     * @param packet takes ownership: the wire must release it
     */
    void send(Subscriber to, ByteBuf packet);
}
