package io.mediamesh.sip.gateway.transport;

import io.mediamesh.sip.message.SipParseException;
import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransportKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over UDP and TCP on one event loop: every channel (the datagram socket, the listener's children and our own
 * outgoing connections) is registered on {@code loop}, so {@link SipInbound} is always called on that thread and
 * {@link #send} must be too. TCP connections are kept by remote address for responses and in-dialog requests.
 */
public final class NettySipTransport implements SipOutbound, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NettySipTransport.class);

    private final EventLoop loop;
    private final SipInbound inbound;
    private final Map<String, Channel> connections = new HashMap<>();
    private Channel udp;
    private Channel tcp;

    private NettySipTransport(EventLoop loop, SipInbound inbound) {
        this.loop = loop;
        this.inbound = inbound;
    }

    /**
     * Binds UDP on {@code port} (0: any) and, when {@code withTcp}, TCP on the port UDP got.
     */
    public static NettySipTransport start(EventLoop loop, int port, boolean withTcp, SipInbound inbound) {
        NettySipTransport transport = new NettySipTransport(loop, inbound);
        transport.udp = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(transport.new DatagramHandler())
                .bind(new InetSocketAddress(port)).syncUninterruptibly().channel();
        int bound = ((InetSocketAddress) transport.udp.localAddress()).getPort();
        if (withTcp) {
            transport.tcp = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(transport.streamInitializer())
                    .bind(new InetSocketAddress(bound)).syncUninterruptibly().channel();
        }
        log.info("SIP listening on UDP{} port {}", withTcp ? " and TCP" : "", bound);
        return transport;
    }

    /** The bound port (UDP, and TCP when on). */
    public int port() {
        return ((InetSocketAddress) udp.localAddress()).getPort();
    }

    @Override
    public boolean send(byte[] bytes, Endpoint destination) {
        switch (destination.transport()) {
            case UDP -> {
                udp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes),
                        new InetSocketAddress(destination.host(), destination.port())));
                return true;
            }
            case TCP -> {
                sendStream(bytes, destination);
                return tcp != null;
            }
            default -> {
                return false;
            }
        }
    }

    private void sendStream(byte[] bytes, Endpoint destination) {
        if (tcp == null) {
            return;
        }
        String key = destination.host() + ":" + destination.port();
        Channel open = connections.get(key);
        if (open != null && open.isActive()) {
            open.writeAndFlush(Unpooled.wrappedBuffer(bytes));
            return;
        }
        ChannelFuture connect = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(streamInitializer())
                .connect(new InetSocketAddress(destination.host(), destination.port()));
        connections.put(key, connect.channel());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connect.channel().writeAndFlush(Unpooled.wrappedBuffer(bytes));
            } else {
                log.debug("SIP over TCP to {} failed: {}", key, f.cause().toString());
                connections.remove(key, connect.channel());
            }
        });
    }

    private ChannelInitializer<SocketChannel> streamInitializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new StreamFrameDecoder(), new StreamHandler());
            }
        };
    }

    private static Endpoint endpoint(TransportKind kind, InetSocketAddress address) {
        return new Endpoint(kind, address.getAddress().getHostAddress(), address.getPort());
    }

    @Override
    public void close() {
        if (tcp != null) {
            tcp.close().syncUninterruptibly();
        }
        connections.values().forEach(Channel::close);
        udp.close().syncUninterruptibly();
    }

    private final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            if (isKeepAlive(bytes)) {
                return; // RFC 5626 CRLF keep-alive or padding
            }
            inbound.onMessage(bytes, endpoint(TransportKind.UDP, packet.sender()));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("SIP datagram handling failed", cause); // the socket stays open for the other calls
        }
    }

    private static boolean isKeepAlive(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '\r' && b != '\n' && b != 0) {
                return false;
            }
        }
        return true;
    }

    private final class StreamHandler extends SimpleChannelInboundHandler<byte[]> {
        private Endpoint remote;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            remote = endpoint(TransportKind.TCP, (InetSocketAddress) ctx.channel().remoteAddress());
            connections.put(remote.host() + ":" + remote.port(), ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (remote != null) {
                connections.remove(remote.host() + ":" + remote.port(), ctx.channel());
            }
            ctx.fireChannelInactive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, byte[] message) {
            inbound.onMessage(message, remote);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof DecoderException && cause.getCause() instanceof SipParseException parse) {
                inbound.onUnframeable(remote, parse.reason());
            } else {
                log.debug("SIP stream from {} failed: {}", remote, cause.toString());
            }
            ctx.close();
        }
    }
}
