package io.mediamesh.core.sdp;

/** URIs of the RTP header extensions (RFC 8285) this server negotiates or knows about. */
public final class RtpExtensionUris {

    /** RFC 8843 §15.2: the m-line's mid in every packet, for BUNDLE demultiplexing. */
    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** RFC 8852 §3.1: RtpStreamId, the rid of a simulcast layer. */
    public static final String RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852 §3.2: RepairedRtpStreamId, the rid an RTX stream repairs. */
    public static final String REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    /** Absolute send time (webrtc.org), 24-bit 6.18 fixed-point seconds, for REMB. */
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    /** Transport-wide sequence numbers for transport-cc feedback; negotiated both ways (see {@code SdpNegotiator}). */
    public static final String TRANSPORT_WIDE_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** RFC 6464: client-to-mixer audio level. */
    public static final String SSRC_AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** 3GPP TS 26.114 §7.4.5: coordination of video orientation. */
    public static final String VIDEO_ORIENTATION = "urn:3gpp:video-orientation";

    private RtpExtensionUris() {
    }
}
