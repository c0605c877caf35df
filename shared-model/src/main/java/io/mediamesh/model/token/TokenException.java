package io.mediamesh.model.token;

import java.util.Objects;

/**
 * A token was refused. Unchecked because it is always caught at the HTTP edge and turned into an error response;
 * the {@link Reason} lets that edge choose the status and the log level without parsing messages.
 */
public class TokenException extends RuntimeException {

    /** Why a token was refused, from the cheapest check to the most specific. */
    public enum Reason {
        /** No token was presented at all. */
        MISSING,
        /** The text is not a compact HS256 JWS or its claims have the wrong shape. */
        MALFORMED,
        /** The signature does not match this cluster's secret. */
        BAD_SIGNATURE,
        /** The token was valid once, but its {@code exp} has passed. */
        EXPIRED,
        /** The token is genuine but was issued for another endpoint (its {@code iss} differs). */
        WRONG_KIND
    }

    private final Reason reason;

    public TokenException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
