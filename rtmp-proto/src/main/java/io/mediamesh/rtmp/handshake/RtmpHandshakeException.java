package io.mediamesh.rtmp.handshake;

/** The client's handshake cannot be answered (the connection must be closed). */
public final class RtmpHandshakeException extends RuntimeException {
    public RtmpHandshakeException(String message) {
        super(message);
    }
}
