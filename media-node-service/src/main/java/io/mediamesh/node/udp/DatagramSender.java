package io.mediamesh.node.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Writes datagrams to the shared UDP channel and flushes once per batch: the demux handler flushes at the end of each
 * read burst, and event-loop tasks call {@link #flush()} when they are done. Used on the channel's event loop only.
 */
public final class DatagramSender {
    private final Channel channel;
    private boolean pending;
    private long sent;

    public DatagramSender(Channel channel) {
        this.channel = channel;
    }

    /** Queues one datagram; takes ownership of {@code payload}. */
    public void send(ByteBuf payload, InetSocketAddress recipient) {
        channel.write(new DatagramPacket(payload, recipient), channel.voidPromise());
        pending = true;
        sent++;
    }

    /** Flushes what {@link #send} queued since the last flush. */
    public void flush() {
        if (pending) {
            pending = false;
            channel.flush();
        }
    }

    public long sent() {
        return sent;
    }
}
