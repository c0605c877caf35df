/**
 * Overlay wire format and frame security: {@link io.mediamesh.overlay.wire.NodeId},
 * {@link io.mediamesh.overlay.wire.ChannelId}, the 16-byte {@link io.mediamesh.overlay.wire.FrameHeader}, one
 * record per frame type ({@code Hello}, {@code Ping}, {@code Pong}, {@code RouteUpdate}, {@code Subscribe},
 * {@code Unsubscribe}, {@code ChannelData}, {@code Feedback}), and low-garbage sealing/opening (AES-128-CTR, then an
 * HMAC-SHA256/128 tag over header and ciphertext: {@code FrameCipher}) with keys derived
 * by HKDF-SHA256 (RFC 5869) from the cluster secret, plus per-sender anti-replay windows (RFC 4303 §3.4.3 style).
 *
 * <p>All integers are big-endian. Frame records are immutable; {@code FrameSealer} and {@code FrameOpener} hold
 * reusable scratch state and belong to one engine thread. Malformed bodies throw
 * {@link io.mediamesh.proto.MalformedPacketException}; {@code FrameOpener} reports header, authentication and
 * replay failures as an {@link io.mediamesh.overlay.wire.OpenResult} instead of throwing. ByteBuf parameters are
 * borrowed unless a method says it takes ownership.
 */
package io.mediamesh.overlay.wire;
