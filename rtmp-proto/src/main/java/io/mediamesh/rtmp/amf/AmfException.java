package io.mediamesh.rtmp.amf;

/** Truncated or unknown AMF0 data. */
public final class AmfException extends RuntimeException {
    public AmfException(String message) {
        super(message);
    }
}
