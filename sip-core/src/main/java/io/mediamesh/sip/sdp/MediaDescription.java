package io.mediamesh.sip.sdp;

import java.util.List;

/**
 * One m= section of a parsed SDP, with session-level defaults (c=, direction) already applied.
 *
 * @param media      {@code audio}, {@code video}, ...
 * @param port       the transport port (0: the stream is rejected or disabled)
 * @param protocol   e.g. {@code RTP/AVP}
 * @param formats    the payload types in the order of the m= line, with their rtpmap/fmtp
 * @param connection the connection address (media-level c= or else session-level), or null
 * @param direction  the direction attribute (media-level, else session-level, else sendrecv)
 * @param ptime      the {@code a=ptime} value in ms, 0 when absent
 */
public record MediaDescription(String media, int port, String protocol, List<RtpFormat> formats, String connection,
        MediaDirection direction, int ptime) {

    /** The m= line's format list as text, e.g. {@code "0 8 101"}. */
    public String formatList() {
        StringBuilder list = new StringBuilder();
        for (RtpFormat format : formats) {
            list.append(list.isEmpty() ? "" : " ").append(format.payloadType());
        }
        return list.toString();
    }
}
