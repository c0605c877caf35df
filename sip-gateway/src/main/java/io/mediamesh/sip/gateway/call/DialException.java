package io.mediamesh.sip.gateway.call;

/** An outgoing call that cannot be placed: {@code status} is the HTTP status for the admin API. */
public final class DialException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public DialException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
