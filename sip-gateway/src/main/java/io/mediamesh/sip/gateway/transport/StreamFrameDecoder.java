package io.mediamesh.sip.gateway.transport;

import io.mediamesh.sip.message.SipParseException;
import io.mediamesh.sip.message.SipParser;
import io.mediamesh.sip.message.SipStreamFramer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/** Cuts a TCP stream into SIP messages (byte arrays) with {@link SipStreamFramer}; keep-alive CRLFs are dropped. */
final class StreamFrameDecoder extends ByteToMessageDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws SipParseException {
        while (in.isReadable()) {
            int length = Math.min(in.readableBytes(), SipParser.MAX_MESSAGE_BYTES + 4096);
            byte[] window = new byte[length];
            in.getBytes(in.readerIndex(), window);
            SipStreamFramer.Frame frame = SipStreamFramer.frame(window, 0, length);
            if (frame == null || frame.totalBytes() == 0) {
                return;
            }
            in.skipBytes(frame.keepAliveBytes());
            if (frame.hasMessage()) {
                byte[] message = new byte[frame.messageBytes()];
                in.readBytes(message);
                out.add(message);
            }
        }
    }
}
