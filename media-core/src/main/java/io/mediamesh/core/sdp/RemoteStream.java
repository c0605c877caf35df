package io.mediamesh.core.sdp;

/**
 * A source the publishing client announced with {@code a=ssrc} (RFC 5576): its media SSRC, the RTX
 * SSRC paired with it by {@code a=ssrc-group:FID} (RFC 4588 §8.1) or -1, its rid or null, and its
 * RTCP CNAME or null. Rid-based simulcast offers (Chromium sends no {@code a=ssrc} lines for them)
 * yield no RemoteStreams; the forwarder learns those SSRCs from the rid header extension.
 */
public record RemoteStream(long ssrc, long rtxSsrc, String rid, String cname) {
}
