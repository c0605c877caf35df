package io.mediamesh.proto.rtcp.fb;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

/**
 * One FCI entry of a {@link FullIntraRequest} (<a href="https://www.rfc-editor.org/rfc/rfc5104#section-4.3.1.1">
 * RFC 5104 §4.3.1.1</a>): the media sender asked for a decoder refresh and the request's 8-bit command sequence
 * number, which the requester increments for each new request.
 */
public record FirEntry(long ssrc, int sequenceNumber) {
    public FirEntry {
        checkUnsigned(ssrc, 32, "ssrc");
        checkUnsigned(sequenceNumber, 8, "sequenceNumber");
    }
}
