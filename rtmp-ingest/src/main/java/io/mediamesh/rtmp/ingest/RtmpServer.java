package io.mediamesh.rtmp.ingest;

import io.mediamesh.clustermedia.OverlayMember;
import io.mediamesh.model.token.TokenCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP listener encoders connect to: one {@link RtmpConnection} per connection, on the shared event loops.
 * Metrics: {@code mediamesh.rtmp.latency{kind}} (message receipt to RTP handed to the overlay, p50/p99),
 * {@code mediamesh.rtmp.refused{reason}} and {@code mediamesh.rtmp.connections}.
 */
public final class RtmpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtmpServer.class);

    private final Channel channel;

    private RtmpServer(Channel channel) {
        this.channel = channel;
    }

    static RtmpServer start(RtmpIngestProperties properties, EventLoopGroup loops, OverlayMember member,
            TokenCodec tokens, IngestSessions sessions, MeterRegistry meters) {
        Timer video = latency(meters, "video");
        Timer audio = latency(meters, "audio");
        Counter connections = meters.counter("mediamesh.rtmp.connections");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.increment();
                        ch.pipeline().addLast(new RtmpConnection(properties, member, tokens, sessions, meters,
                                video, audio));
                    }
                });
        Channel bound = bootstrap.bind(new InetSocketAddress(properties.port())).syncUninterruptibly().channel();
        log.info("RTMP ingest listening on {} (rtmp://<host>:{}/{}/<stream key>)", bound.localAddress(),
                ((InetSocketAddress) bound.localAddress()).getPort(), properties.application());
        return new RtmpServer(bound);
    }

    private static Timer latency(MeterRegistry meters, String kind) {
        return Timer.builder("mediamesh.rtmp.latency")
                .description("RTMP message receipt to its RTP packets handed to the overlay")
                .tag("kind", kind)
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(2))
                .register(meters);
    }

    /** The bound port (useful with port 0 in tests). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
