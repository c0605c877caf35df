package io.mediamesh.gateway.token;

import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenKind;
import java.time.Duration;
import java.time.Instant;

/** Turns a {@link TokenRequest} into claims, or explains in one sentence why it cannot. Pure and stateless. */
final class TokenRequestValidator {

    /** Long-lived tokens cannot be revoked, so a week is the most a caller may ask for. */
    static final Duration MAX_TTL = Duration.ofDays(7);

    /** Extra data is copied to every peer of the room; bound it so one token cannot flood a room. */
    static final int MAX_EXTRA_DATA_CHARS = 4096;

    private TokenRequestValidator() {
    }

    /**
     * @throws IllegalArgumentException with a message fit for the client when the request is invalid
     */
    static TokenClaims toClaims(TokenRequest request, TokenKind kind, Instant now) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        if (request.room() == null) {
            throw new IllegalArgumentException("room is required");
        }
        if (request.peer() == null && kind.requiresPeer()) {
            throw new IllegalArgumentException("peer is required for " + kind.issuer() + " tokens");
        }
        if (request.ttl() == null) {
            throw new IllegalArgumentException("ttl (seconds) is required");
        }
        if (request.ttl() <= 0 || request.ttl() > MAX_TTL.toSeconds()) {
            throw new IllegalArgumentException("ttl must be between 1 and " + MAX_TTL.toSeconds() + " seconds");
        }
        if (request.extraData() != null && request.extraData().length() > MAX_EXTRA_DATA_CHARS) {
            throw new IllegalArgumentException("extra_data must be at most " + MAX_EXTRA_DATA_CHARS + " characters");
        }
        // The claims constructor applies the shared room and peer rules and names the offending field.
        return new TokenClaims(request.room(), request.peer(), kind, now.plusSeconds(request.ttl()),
                request.extraData());
    }
}
