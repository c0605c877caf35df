package io.mediamesh.proto.rtcp;

import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SDES: Source Description (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.5">RFC 3550 §6.5</a>),
 * PT 202.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_1                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     type      |    length     |  text (length bytes) ...      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ... more items; then 0 (end) and zero padding to 32 bits     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 */
public record SourceDescription(List<SdesChunk> chunks) implements RtcpPacket {

    public SourceDescription {
        chunks = List.copyOf(chunks);
        RtcpHeader.checkCount(chunks.size(), "SDES chunks");
    }

    /** A description of one source with only its CNAME, as WebRTC endpoints send it. */
    public static SourceDescription cname(long ssrc, String cname) {
        return new SourceDescription(List.of(new SdesChunk(ssrc, List.of(SdesItem.cname(cname)))));
    }

    /**
     * Decodes the body (everything after the common header, without padding).
     *
     * @param body borrows; consumes it
     */
    public static SourceDescription decode(int sourceCount, ByteBuf body) {
        int bodyStart = body.readerIndex();
        List<SdesChunk> chunks = new ArrayList<>(sourceCount);
        for (int i = 0; i < sourceCount; i++) {
            RtcpHeader.need(body, 4, "SDES chunk");
            long ssrc = body.readUnsignedInt();
            List<SdesItem> items = new ArrayList<>();
            while (true) {
                RtcpHeader.need(body, 1, "SDES item list");
                int type = body.readUnsignedByte();
                if (type == 0) {
                    break;
                }
                RtcpHeader.need(body, 1, "SDES item length");
                int length = body.readUnsignedByte();
                RtcpHeader.need(body, length, "SDES item text");
                items.add(new SdesItem(type, body.readCharSequence(length, StandardCharsets.UTF_8).toString()));
            }
            // Chunks start on 32-bit boundaries; the padding after the null octet must be present.
            int consumed = body.readerIndex() - bodyStart;
            int padding = (4 - (consumed & 3)) & 3;
            if (body.readableBytes() < padding) {
                throw new MalformedPacketException("SDES chunk padding past the end of the packet");
            }
            body.skipBytes(padding);
            chunks.add(new SdesChunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }

    @Override
    public int encodedLength() {
        int length = RtcpHeader.LENGTH;
        for (SdesChunk chunk : chunks) {
            length += chunk.encodedLength();
        }
        return length;
    }

    @Override
    public void encode(ByteBuf out) {
        RtcpHeader.write(out, chunks.size(), RtcpHeader.SDES, encodedLength());
        for (SdesChunk chunk : chunks) {
            int start = out.writerIndex();
            out.writeInt((int) chunk.ssrc());
            for (SdesItem item : chunk.items()) {
                byte[] text = item.value().getBytes(StandardCharsets.UTF_8);
                out.writeByte(item.type());
                out.writeByte(text.length);
                out.writeBytes(text);
            }
            out.writeZero(chunk.encodedLength() - (out.writerIndex() - start));
        }
    }
}
