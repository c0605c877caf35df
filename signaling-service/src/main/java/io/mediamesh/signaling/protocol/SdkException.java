package io.mediamesh.signaling.protocol;

/** A request refused with a typed error; the connection and every other peer go on. */
public final class SdkException extends RuntimeException {
    private final SdkError code;

    public SdkException(SdkError code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public SdkError code() {
        return code;
    }
}
