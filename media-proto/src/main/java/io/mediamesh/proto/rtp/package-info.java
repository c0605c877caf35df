/**
 * RTP packets (RFC 3550 §5.1) and header extensions (RFC 8285): the per-packet hot path.
 *
 * <p>{@link io.mediamesh.proto.rtp.RtpPacketView} is a reusable flyweight that parses into primitive fields and
 * allocates nothing; {@link io.mediamesh.proto.rtp.RtpHeaderExtensions} rewrites extension blocks without
 * allocation. Views and {@link io.mediamesh.proto.rtp.SeqUnwrapper} are mutable and not thread-safe: each belongs
 * to one event loop. Buffers are borrowed; setters write in place, so only call them on a buffer you own.
 * Malformed packets throw {@link io.mediamesh.proto.MalformedPacketException}.
 */
package io.mediamesh.proto.rtp;
