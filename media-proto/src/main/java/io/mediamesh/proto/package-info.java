/**
 * Pure wire formats of the media plane: RFC 7983 demultiplexing, STUN, RTP and RTCP. Nothing in this module
 * opens a socket, starts a thread or reads a clock; time is always a parameter.
 *
 * <p>Every method that takes a {@link io.netty.buffer.ByteBuf} documents whether it borrows the buffer (the
 * caller keeps ownership and must release it) or takes ownership. Decoders throw the unchecked
 * {@link io.mediamesh.proto.MalformedPacketException} for malformed peer input; callers count and drop.
 */
package io.mediamesh.proto;
