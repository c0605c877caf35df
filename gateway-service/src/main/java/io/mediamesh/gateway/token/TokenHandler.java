package io.mediamesh.gateway.token;

import io.mediamesh.model.api.ApiResponse;
import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenKind;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /token/whip}, {@code POST /token/whep} and {@code POST /token/rtmp} (an RTMP stream key): the
 * application backend, holding the cluster secret as its
 * Bearer credential, asks for a short-lived media token for one room and peer.
 *
 * <p>Differences from atm0s, on purpose: a missing or wrong secret is HTTP 401 (atm0s answers 200 with
 * {@code status:false}), an invalid body is 400 with the reason, and the TTL is bounded. The error codes
 * ({@code APP_TOKEN_MISSING}, {@code APP_TOKEN_INVALID}, {@code INVALID_REQUEST}) stay machine-readable.
 */
public final class TokenHandler {

    private static final Logger log = LoggerFactory.getLogger(TokenHandler.class);
    private static final String BEARER = "Bearer ";

    private final TokenCodec codec;
    private final InstantSource clock;

    public TokenHandler(TokenCodec codec, InstantSource clock) {
        this.codec = codec;
        this.clock = clock;
    }

    /** Issues a token of {@code kind} if the request carries the secret and a valid body. */
    public Mono<ServerResponse> issue(ServerRequest request, TokenKind kind) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized("APP_TOKEN_MISSING: send the app secret as 'Authorization: Bearer <secret>'");
        }
        if (!codec.isSecret(authorization.substring(BEARER.length()).trim())) {
            log.info("Refused a {} token request with a wrong app secret from {}", kind.issuer(),
                    request.remoteAddress().map(Object::toString).orElse("unknown"));
            return unauthorized("APP_TOKEN_INVALID: the app secret is wrong");
        }
        return request.bodyToMono(TokenRequest.class)
                .map(body -> TokenRequestValidator.toClaims(body, kind, clock.instant()))
                .switchIfEmpty(Mono.fromCallable(() -> TokenRequestValidator.toClaims(null, kind, clock.instant())))
                .flatMap(this::ok)
                .onErrorResume(IllegalArgumentException.class, e -> error(HttpStatus.BAD_REQUEST, e.getMessage()))
                .onErrorResume(ResponseStatusException.class,
                        e -> error(HttpStatus.valueOf(e.getStatusCode().value()), describe(e)));
    }

    private Mono<ServerResponse> ok(TokenClaims claims) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiResponse.ok(new TokenResponse(codec.issue(claims))));
    }

    private static Mono<ServerResponse> unauthorized(String message) {
        return ServerResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiResponse.error(message));
    }

    private static Mono<ServerResponse> error(HttpStatus status, String reason) {
        String code = status == HttpStatus.BAD_REQUEST ? "INVALID_REQUEST" : status.name();
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiResponse.error(code + ": " + reason));
    }

    /** Decoding failures carry the parser's detail in the cause; the top-level reason alone says too little. */
    private static String describe(ResponseStatusException e) {
        String reason = e.getReason() != null ? e.getReason() : e.getStatusCode().toString();
        Throwable cause = e.getMostSpecificCause();
        if (cause != e && cause.getMessage() != null) {
            String detail = cause.getMessage().lines().findFirst().orElse("");
            return reason + " (" + detail + ")";
        }
        return reason;
    }
}
