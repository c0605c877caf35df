package io.mediamesh.node.udp;

import io.mediamesh.node.session.SessionTable;
import io.mediamesh.proto.demux.PacketClass;
import io.mediamesh.proto.demux.Rfc7983;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * The one handler of the shared WebRTC UDP port. It classifies each datagram by its first byte (RFC 7983) and hands
 * it to the session that owns it: STUN by ICE username, DTLS and SRTP by the sender's address. It never closes the
 * channel: a datagram nobody claims, or one that fails to parse, is counted and dropped.
 */
public final class UdpDemuxHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final SessionTable sessions;
    private final DatagramSender sender;

    public UdpDemuxHandler(SessionTable sessions, DatagramSender sender) {
        super(true);
        this.sessions = sessions;
        this.sender = sender;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        PacketClass kind = Rfc7983.classify(packet.content());
        sessions.dispatch(kind, packet.content(), packet.sender());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        sender.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        sessions.metrics().dropped("handler-error");
    }
}
