/**
 * A pure text model of the Session Description Protocol (RFC 8866) with the WebRTC attributes a
 * WHIP/WHEP server reads: rtpmap/fmtp (RFC 8866 §6.6, §6.15), rtcp-fb (RFC 4585 §4.2), extmap
 * (RFC 8285 §8), ssrc and ssrc-group (RFC 5576), rid (RFC 8851), simulcast (RFC 8853), msid
 * (RFC 8830), group:BUNDLE (RFC 8843) and the ICE/DTLS transport attributes (RFC 8839, RFC 8122,
 * RFC 4145).
 *
 * <p>Contract: {@link io.mediamesh.proto.sdp.SessionDescription#parse(String)} turns text into an
 * immutable model and throws {@link io.mediamesh.proto.sdp.SdpParseException} (a
 * {@link io.mediamesh.proto.MalformedPacketException}) naming the line number for anything it cannot
 * represent faithfully. {@code toString()} writes the model back with CRLF line endings; the model
 * keeps every line and attribute in its original order, so an unmodified description round-trips to
 * the same text. Typed helpers ({@code rtpMaps()}, {@code extMaps()}, ...) interpret attributes on
 * demand and never change the model.
 *
 * <p>Ownership and threads: every type is an immutable value (records over unmodifiable lists), safe
 * to share between threads. The package does no I/O and reads no clock.
 */
package io.mediamesh.proto.sdp;
