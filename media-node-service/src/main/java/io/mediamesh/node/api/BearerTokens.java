package io.mediamesh.node.api;

import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenException;
import io.mediamesh.model.token.TokenKind;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;

/** Reads and verifies the {@code Authorization: Bearer} token of a request: 401 when absent or bad, 403 wrong kind. */
final class BearerTokens {
    private final TokenCodec codec;
    private final Clock clock;

    BearerTokens(TokenCodec codec, Clock clock) {
        this.codec = codec;
        this.clock = clock;
    }

    TokenClaims require(ServerRequest request, TokenKind kind) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "missing bearer token (Authorization: Bearer <token>)");
        }
        try {
            return codec.verify(header.substring(7).trim(), kind, clock.instant());
        } catch (TokenException e) {
            HttpStatus status = e.reason() == TokenException.Reason.WRONG_KIND
                    ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
            throw new ApiException(status, e.getMessage());
        }
    }
}
