package io.mediamesh.node.udp;

import io.mediamesh.node.session.SessionTable;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The shared WebRTC UDP socket: one channel on one event loop, native epoll when the platform has it (NIO
 * otherwise), large socket buffers, and pooled buffers. The event loop of this channel owns every session.
 */
public final class UdpTransport implements AutoCloseable {
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;
    private final DatagramSender sender;
    private final boolean nativeTransport;
    private final java.util.List<Channel> extraChannels = new java.util.concurrent.CopyOnWriteArrayList<>();

    private UdpTransport(EventLoopGroup group, Channel channel, boolean nativeTransport) {
        this.group = group;
        this.channel = channel;
        this.sender = new DatagramSender(channel);
        this.nativeTransport = nativeTransport;
    }

    /** Binds the port on all interfaces; datagrams are dropped until {@link #start} installs the demultiplexer. */
    public static UdpTransport bind(int port) {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("media-udp"),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .handler(new io.netty.channel.ChannelInboundHandlerAdapter());
            Channel channel = bootstrap.bind(new InetSocketAddress(port)).syncUninterruptibly().channel();
            return new UdpTransport(group, channel, epoll);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind the WebRTC UDP port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds another UDP port on the same event loop (the overlay's), so its handler shares the sessions' thread.
     *
     * @return the bound channel
     */
    public Channel bindOnSameLoop(int port, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(channel.eventLoop())
                .channel(nativeTransport ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(handler);
        try {
            Channel bound = bootstrap.bind(new InetSocketAddress(port)).syncUninterruptibly().channel();
            extraChannels.add(bound);
            return bound;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot bind UDP port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Starts dispatching datagrams to the sessions. */
    public void start(SessionTable sessions) {
        ChannelHandler demux = new UdpDemuxHandler(sessions, sender);
        channel.pipeline().addLast("demux", demux);
    }

    public EventLoop loop() {
        return channel.eventLoop();
    }

    public DatagramSender sender() {
        return sender;
    }

    public ByteBufAllocator allocator() {
        return channel.alloc();
    }

    public boolean nativeTransport() {
        return nativeTransport;
    }

    @Override
    public void close() {
        extraChannels.forEach(extra -> extra.close().syncUninterruptibly());
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
