package io.mediamesh.rtmp.chunk;

/** The peer broke the RTMP chunk or message rules; the connection must be closed. */
public final class RtmpProtocolException extends RuntimeException {
    public RtmpProtocolException(String message) {
        super(message);
    }
}
