package io.mediamesh.sip.message;

import java.util.Optional;

/**
 * Bytes that are not an acceptable SIP message. {@link #reason()} is short enough to serve as the reason phrase of
 * the answer, {@link #statusCode()} says which answer (400, 505 or 513), and {@link #request()} is the best-effort
 * request when the start line and the headers needed to route an answer (Via, Call-ID) could be read; without it
 * the caller can only drop the bytes (RFC 3261 §16.3, §18.1.2).
 */
public final class SipParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final transient SipRequest request;

    public SipParseException(String reason) {
        this(400, reason, null);
    }

    public SipParseException(int statusCode, String reason, SipRequest request) {
        super(reason);
        this.statusCode = statusCode;
        this.request = request;
    }

    /** The reason phrase for the answer, e.g. "Bad Content-Length". */
    public String reason() {
        return getMessage();
    }

    /** 400 (Bad Request), 505 (Version Not Supported) or 513 (Message Too Large). */
    public int statusCode() {
        return statusCode;
    }

    /** The request as far as it could be read, when an answer can be routed; empty means drop. */
    public Optional<SipRequest> request() {
        return Optional.ofNullable(request);
    }

    /** The same failure, now carrying the partial request an answer can be built from. */
    SipParseException withRequest(SipRequest partial) {
        SipParseException copy = new SipParseException(statusCode, getMessage(), partial);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
