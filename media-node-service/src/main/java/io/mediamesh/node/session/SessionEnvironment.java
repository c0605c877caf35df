package io.mediamesh.node.session;

import io.mediamesh.core.dtls.DtlsCertificate;
import io.mediamesh.core.ice.IceConfig;
import io.mediamesh.node.udp.DatagramSender;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.concurrent.Executor;

/**
 * What every session of a node shares: the event loop that owns them all, the UDP sender, the buffer pool, the
 * node's DTLS certificate and the timers.
 *
 * @param loop the event loop of the shared UDP channel; sessions and rooms are touched only there
 * @param dtlsExecutor runs the blocking DTLS handshakes, never the event loop
 */
public record SessionEnvironment(
        EventLoop loop,
        DatagramSender sender,
        ByteBufAllocator allocator,
        NodeMetrics metrics,
        Executor dtlsExecutor,
        DtlsCertificate certificate,
        IceConfig iceConfig,
        long publisherMaxBitrate,
        int retransmissionCachePackets) {

    /** The node's clock in microseconds; monotonic, only differences matter. */
    public long nowMicros() {
        return System.nanoTime() / 1000;
    }
}
