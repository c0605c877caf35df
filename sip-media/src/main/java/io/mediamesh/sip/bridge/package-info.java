/**
 * The media side of SIP calls: the contract between the SIP signalling of the sip-gateway service and the media
 * bridge. The signalling layer asks a {@link io.mediamesh.sip.bridge.CallMediaFactory} for a
 * {@link io.mediamesh.sip.bridge.CallMedia} per call leg (an RTP port to put in its SDP), applies each negotiated
 * {@link io.mediamesh.sip.sdp.NegotiatedAudio} (the first answer, then every re-INVITE: hold, resume, a new address)
 * and closes it when the call ends. The bridge publishes the phone's audio into the room as the call peer's
 * {@code audio} track and sends the room's mix (never the caller's own voice) back to the phone; it reports DTMF and
 * media inactivity to a {@link io.mediamesh.sip.bridge.CallMediaListener}.
 *
 * <p>The implementation is {@code io.mediamesh.sip.bridge.rtp.RtpBridges} (Netty, one event loop per room) over the
 * pure audio paths of {@code io.mediamesh.sip.bridge.audio}.
 */
package io.mediamesh.sip.bridge;
