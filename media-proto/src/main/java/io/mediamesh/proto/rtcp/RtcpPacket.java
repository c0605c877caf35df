package io.mediamesh.proto.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * One RTCP packet of a compound packet (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1">RFC 3550
 * §6.1</a>), as an immutable value. Decode compounds with {@link RtcpDecoder}; encode with {@link #encode} or
 * {@link RtcpCompound}.
 *
 * <p>Feedback messages live in {@code io.mediamesh.proto.rtcp.fb} and implement the non-sealed
 * {@link RtcpFeedback}: outside a named module, Java only lets a sealed type permit subtypes of its own package.
 */
public sealed interface RtcpPacket
        permits SenderReport, ReceiverReport, SourceDescription, Goodbye, ApplicationDefined, RawRtcpPacket,
        RtcpFeedback {

    /** The number of bytes {@link #encode} writes, header and any padding included; a multiple of 4. */
    int encodedLength();

    /**
     * Writes the packet, header included, at {@code out.writerIndex()}.
     *
     * @param out the destination; borrows
     */
    void encode(ByteBuf out);
}
