package io.mediamesh.core.sdp;

import java.util.List;

/**
 * One codec in our answer for an m-line. {@code name} is lower-case ("opus", "vp8", "vp9", "h264");
 * {@code fmtp} is the offered format parameters verbatim ("" if none); {@code rtxPayloadType} is the
 * RFC 4588 retransmission payload type whose {@code apt} points at this codec, or -1;
 * {@code rtcpFeedback} is the answered feedback ("nack", "nack pli", "ccm fir", "goog-remb").
 */
public record NegotiatedCodec(String name, int payloadType, int clockRate, int channels, String fmtp,
                              int rtxPayloadType, List<String> rtcpFeedback) {

    public NegotiatedCodec {
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    /** For RED (RFC 2198): the payload type its fmtp names for its blocks ({@code 111/111}: 111); else -1. */
    public int redBlockPayloadType() {
        Integer block = name.equals("red") ? CodecSelector.payloadType(fmtp.split("/", 2)[0].trim()) : null;
        return block == null ? -1 : block;
    }

    /** True when an RTX payload type was negotiated for this codec. */
    public boolean hasRtx() {
        return rtxPayloadType >= 0;
    }
}
