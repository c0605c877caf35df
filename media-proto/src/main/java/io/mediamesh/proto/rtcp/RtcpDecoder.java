package io.mediamesh.proto.rtcp;

import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.rtcp.fb.FullIntraRequest;
import io.mediamesh.proto.rtcp.fb.PictureLossIndication;
import io.mediamesh.proto.rtcp.fb.ReceiverEstimatedMaxBitrate;
import io.mediamesh.proto.rtcp.fb.TransportLayerNack;
import io.mediamesh.proto.rtcp.fb.TransportWideCc;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a compound RTCP packet (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1">RFC 3550 §6.1</a>)
 * into its packets and decodes each by packet type and format. Unknown types and formats become
 * {@link RawRtcpPacket}. Reduced-size RTCP (RFC 5506), where a compound holds a single feedback packet, is
 * accepted too: nothing requires an SR or RR first.
 *
 * <p>Padding is accepted on any packet, not only the last, because libwebrtc pads transport-wide feedback that
 * way; it is stripped before the body is decoded.
 */
public final class RtcpDecoder {
    private RtcpDecoder() {
    }

    /**
     * Decodes every packet of the compound in {@code buf}'s readable bytes.
     *
     * @param buf the decrypted compound packet; borrows, does not move its indices
     * @throws MalformedPacketException if the compound is empty, a version is not 2, a length runs past the end,
     *     the padding is invalid, or a known packet type has a malformed body
     */
    public static List<RtcpPacket> decodeCompound(ByteBuf buf) {
        int offset = buf.readerIndex();
        int end = buf.writerIndex();
        if (offset == end) {
            throw new MalformedPacketException("empty RTCP compound");
        }
        List<RtcpPacket> packets = new ArrayList<>(4);
        while (offset < end) {
            if (end - offset < RtcpHeader.LENGTH) {
                throw new MalformedPacketException("RTCP header past the end: " + (end - offset) + " bytes left");
            }
            int first = buf.getUnsignedByte(offset);
            if (first >> 6 != 2) {
                throw new MalformedPacketException("RTCP version " + (first >> 6) + ", expected 2");
            }
            int packetType = buf.getUnsignedByte(offset + 1);
            int length = 4 * (buf.getUnsignedShort(offset + 2) + 1);
            if (length > end - offset) {
                throw new MalformedPacketException("RTCP packet type " + packetType + " of " + length
                        + " bytes past the end: " + (end - offset) + " bytes left");
            }
            int bodyLength = length - RtcpHeader.LENGTH;
            if ((first & 0x20) != 0) {
                int padding = buf.getUnsignedByte(offset + length - 1);
                if (padding == 0 || padding > bodyLength) {
                    throw new MalformedPacketException("RTCP padding count " + padding + " invalid for a body of "
                            + bodyLength + " bytes");
                }
                bodyLength -= padding;
            }
            ByteBuf body = buf.slice(offset + RtcpHeader.LENGTH, bodyLength);
            packets.add(decodeOne(packetType, first & 0x1F, body));
            offset += length;
        }
        return packets;
    }

    private static RtcpPacket decodeOne(int packetType, int countOrFormat, ByteBuf body) {
        return switch (packetType) {
            case RtcpHeader.SR -> SenderReport.decode(countOrFormat, body);
            case RtcpHeader.RR -> ReceiverReport.decode(countOrFormat, body);
            case RtcpHeader.SDES -> SourceDescription.decode(countOrFormat, body);
            case RtcpHeader.BYE -> Goodbye.decode(countOrFormat, body);
            case RtcpHeader.APP -> ApplicationDefined.decode(countOrFormat, body);
            case RtcpHeader.RTPFB -> switch (countOrFormat) {
                case TransportLayerNack.FMT -> TransportLayerNack.decode(body);
                case TransportWideCc.FMT -> TransportWideCc.decode(body);
                default -> RawRtcpPacket.decode(packetType, countOrFormat, body);
            };
            case RtcpHeader.PSFB -> {
                if (countOrFormat == PictureLossIndication.FMT) {
                    yield PictureLossIndication.decode(body);
                } else if (countOrFormat == FullIntraRequest.FMT) {
                    yield FullIntraRequest.decode(body);
                } else if (countOrFormat == ReceiverEstimatedMaxBitrate.FMT && ReceiverEstimatedMaxBitrate.isRemb(body)) {
                    yield ReceiverEstimatedMaxBitrate.decode(body);
                }
                yield RawRtcpPacket.decode(packetType, countOrFormat, body);
            }
            default -> RawRtcpPacket.decode(packetType, countOrFormat, body);
        };
    }
}
