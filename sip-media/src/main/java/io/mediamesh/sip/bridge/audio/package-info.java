/**
 * The audio paths of a SIP call, pure and sans-IO (issue #7): {@link io.mediamesh.sip.bridge.audio.RtpHeader} parses
 * and writes RTP headers in place (malformed input is a verdict, never an exception);
 * {@link io.mediamesh.sip.bridge.audio.PhoneUplink} turns the phone's RTP (G.711 or Opus, RFC 4733 events apart) into
 * jitter-buffered, 48 kHz, Opus-encoded 20 ms frames for the room; {@link io.mediamesh.sip.bridge.audio.RoomMix}
 * decodes the room's Opus tracks and mixes the loudest speakers minus each caller's own voice;
 * {@link io.mediamesh.sip.bridge.audio.PhoneDownlink} resamples a call's mix to 8 kHz and encodes it into RTP for the
 * phone.
 *
 * <p>Contract: no sockets, threads or clock reads here; time is a {@code nowMillis} argument and the 20 ms tick is
 * driven by the caller. Buffers are allocated when a stream is configured, never per packet or frame. Nothing is
 * thread-safe: each object belongs to one event loop (the room's, in {@code io.mediamesh.sip.bridge.rtp}).
 */
package io.mediamesh.sip.bridge.audio;
