/**
 * The media bridge's Netty side (issue #7): {@link io.mediamesh.sip.bridge.rtp.RtpBridges}, the
 * {@link io.mediamesh.sip.bridge.CallMediaFactory} of the SIP gateway. Each call leg binds an even RTP port and the
 * next one for RTCP from the configured range (released when the call closes, or at once when opening fails); its
 * datagrams go to the pure {@code io.mediamesh.sip.bridge.audio} paths, and its Opus track is published into the room
 * through the cluster's {@code OverlayMember} as the call peer's {@code audio} track.
 *
 * <p>Threading: every call of a room runs on that room's event loop, whose 20 ms timer ticks all its calls and the
 * room's mixer, so per-call and per-room state is plain fields with no locks; publications, subscriptions and the
 * room watch belong to the member's loop and work is handed over with {@code execute} when the two differ. Buffers:
 * datagrams are borrowed from Netty and copied once into a per-call array; outgoing packets are built in per-call
 * arrays and copied once into pooled buffers, which the socket or the overlay releases.
 */
package io.mediamesh.sip.bridge.rtp;
