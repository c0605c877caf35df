package io.mediamesh.node.testpeer;

import java.util.StringJoiner;

/**
 * Writes an offer shaped like Chromium's for a WHIP publisher or a WHEP viewer: BUNDLE of one audio and one video
 * m-line, opus and VP8 with RTX (RFC 4588), the mid and abs-send-time header extensions, our ICE credentials, our
 * DTLS fingerprint and {@code a=setup:actpass} (RFC 8842 §5.2). A publisher announces its SSRCs with {@code a=ssrc}
 * lines and the video FID group (RFC 5576 §4); a viewer's m-lines are recvonly without SSRCs, like Chromium's.
 *
 * @param publisher true for sendonly m-lines with SSRCs, false for recvonly ones
 * @param codecs the payload types and extension ids to offer
 */
public record ChromiumOffer(boolean publisher, String ufrag, String pwd, String fingerprintSha256,
        PayloadTypes codecs, long audioSsrc, long videoSsrc, long videoRtxSsrc, String cname) {

    /** The payload types and header extension ids a peer offers; viewers may pick others than publishers. */
    public record PayloadTypes(int opus, int vp8, int rtx, int midExtension, int absSendTimeExtension) {
        /** Chromium's own numbering. */
        public static final PayloadTypes CHROMIUM = new PayloadTypes(111, 96, 97, 4, 2);
    }

    public static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String ABS_SEND_TIME_URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /** The offer text with CRLF line endings. */
    public String sdp() {
        StringJoiner sdp = new StringJoiner("\r\n", "", "\r\n");
        sdp.add("v=0");
        sdp.add("o=- " + (Math.abs((long) ufrag.hashCode()) + 1000) + " 2 IN IP4 127.0.0.1");
        sdp.add("s=-");
        sdp.add("t=0 0");
        sdp.add("a=group:BUNDLE 0 1");
        sdp.add("a=extmap-allow-mixed");
        sdp.add("a=msid-semantic: WMS " + (publisher ? cname + "-stream" : ""));
        mediaLine(sdp, "audio", "0", codecs.opus() + "");
        sdp.add("a=rtpmap:" + codecs.opus() + " opus/48000/2");
        sdp.add("a=rtcp-fb:" + codecs.opus() + " transport-cc");
        sdp.add("a=fmtp:" + codecs.opus() + " minptime=10;useinbandfec=1");
        if (publisher) {
            ssrcLines(sdp, audioSsrc, "audio");
        }
        mediaLine(sdp, "video", "1", codecs.vp8() + " " + codecs.rtx());
        sdp.add("a=rtpmap:" + codecs.vp8() + " VP8/90000");
        for (String feedback : new String[] {"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"}) {
            sdp.add("a=rtcp-fb:" + codecs.vp8() + " " + feedback);
        }
        sdp.add("a=rtpmap:" + codecs.rtx() + " rtx/90000");
        sdp.add("a=fmtp:" + codecs.rtx() + " apt=" + codecs.vp8());
        if (publisher) {
            sdp.add("a=ssrc-group:FID " + videoSsrc + " " + videoRtxSsrc);
            ssrcLines(sdp, videoSsrc, "video");
            ssrcLines(sdp, videoRtxSsrc, "video");
        }
        return sdp.toString();
    }

    private void mediaLine(StringJoiner sdp, String kind, String mid, String formats) {
        sdp.add("m=" + kind + " 9 UDP/TLS/RTP/SAVPF " + formats);
        sdp.add("c=IN IP4 0.0.0.0");
        sdp.add("a=rtcp:9 IN IP4 0.0.0.0");
        sdp.add("a=ice-ufrag:" + ufrag);
        sdp.add("a=ice-pwd:" + pwd);
        sdp.add("a=ice-options:trickle");
        sdp.add("a=fingerprint:sha-256 " + fingerprintSha256);
        sdp.add("a=setup:actpass");
        sdp.add("a=mid:" + mid);
        sdp.add("a=extmap:" + codecs.absSendTimeExtension() + " " + ABS_SEND_TIME_URI);
        sdp.add("a=extmap:" + codecs.midExtension() + " " + MID_URI);
        sdp.add(publisher ? "a=sendonly" : "a=recvonly");
        if (publisher) {
            sdp.add("a=msid:" + cname + "-stream " + cname + "-" + kind);
        }
        sdp.add("a=rtcp-mux");
        sdp.add("a=rtcp-rsize");
    }

    private void ssrcLines(StringJoiner sdp, long ssrc, String kind) {
        sdp.add("a=ssrc:" + ssrc + " cname:" + cname);
        sdp.add("a=ssrc:" + ssrc + " msid:" + cname + "-stream " + cname + "-" + kind);
    }
}
