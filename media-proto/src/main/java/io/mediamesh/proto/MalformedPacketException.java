package io.mediamesh.proto;

/**
 * Thrown when bytes from a peer do not form a valid packet of the expected format. It is unchecked because
 * callers on the packet path count and drop such packets instead of handling each decoder's failure modes.
 */
public class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message);
    }
}
