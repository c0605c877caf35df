/**
 * RTCP feedback messages: generic NACK (RFC 4585 §6.2.1), PLI (RFC 4585 §6.3.1), FIR (RFC 5104 §4.3.1), REMB
 * (draft-alvestrand-rmcat-remb) and transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01).
 *
 * <p>Immutable, thread-safe records implementing {@link io.mediamesh.proto.rtcp.RtcpFeedback}. Decoding goes
 * through {@link io.mediamesh.proto.rtcp.RtcpDecoder}; the {@code decode(ByteBuf body)} methods consume a borrowed
 * body slice. Malformed input throws {@link io.mediamesh.proto.MalformedPacketException}.
 */
package io.mediamesh.proto.rtcp.fb;
