package io.mediamesh.sip.message;

/** A SIP response: status code, reason phrase, headers, body. */
public final class SipResponse extends SipMessage {
    private final int statusCode;
    private final String reasonPhrase;

    public SipResponse(int statusCode, String reasonPhrase) {
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("bad status code " + statusCode);
        }
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase == null ? "" : reasonPhrase;
    }

    public int statusCode() {
        return statusCode;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** 1xx. */
    public boolean isProvisional() {
        return statusCode < 200;
    }

    /** 2xx. */
    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** 200-699. */
    public boolean isFinal() {
        return statusCode >= 200;
    }

    @Override
    public String startLine() {
        return "SIP/2.0 " + statusCode + " " + reasonPhrase;
    }

    @Override
    public SipResponse copy() {
        SipResponse copy = new SipResponse(statusCode, reasonPhrase);
        copyInto(copy);
        return copy;
    }
}
