package io.mediamesh.proto.sdp;

import io.mediamesh.proto.MalformedPacketException;

/**
 * Thrown when SDP text (RFC 8866) or one of its attribute values is malformed. The message names the
 * 1-based line number when the problem was found while parsing a whole description, and always says
 * what is wrong, so it can be shown to the client that sent the description.
 */
public class SdpParseException extends MalformedPacketException {

    public SdpParseException(String message) {
        super(message);
    }

    /** Prefixes {@code message} with "line N: " so the sender can find the offending line. */
    public SdpParseException(int lineNumber, String message) {
        super("line " + lineNumber + ": " + message);
    }
}
