/**
 * RTCP (RFC 3550 §6): the sealed {@link io.mediamesh.proto.rtcp.RtcpPacket} family of immutable records (SR, RR,
 * SDES, BYE, APP and a raw fallback), the compound decoder and encoder. Feedback messages are in
 * {@code io.mediamesh.proto.rtcp.fb}.
 *
 * <p>Records are immutable and thread-safe. Every {@code ByteBuf} parameter is borrowed. Malformed input throws
 * {@link io.mediamesh.proto.MalformedPacketException}; invalid values given to constructors throw
 * {@link IllegalArgumentException}.
 */
package io.mediamesh.proto.rtcp;
