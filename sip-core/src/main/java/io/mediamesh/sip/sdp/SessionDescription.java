package io.mediamesh.sip.sdp;

import java.util.List;

/**
 * The parts of an SDP (RFC 8866) a SIP audio call needs: the origin line and the m= sections in order.
 *
 * @param origin the value of the o= line
 * @param media  the m= sections, in order (an answer must list as many)
 */
public record SessionDescription(String origin, List<MediaDescription> media) {
}
