package io.mediamesh.sip.gateway;

import io.mediamesh.model.api.ApiResponse;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.sip.gateway.call.DialException;
import java.util.concurrent.CompletionException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The gateway's admin API, every request with {@code Authorization: Bearer <cluster secret>} (as the RTMP ingest's):
 * <ul>
 * <li>{@code POST /sip/calls} {@code {"to":"1234"|"alice"|"sip:bob@host","room":"r","peer":"optional"}} → 201
 * with the call (400 bad request, 404 nowhere to send it, 503 no media);</li>
 * <li>{@code GET /sip/calls}: the calls with state, media counters and events;</li>
 * <li>{@code DELETE /sip/calls/{id}}: hangs up (CANCEL, BYE or a refusal) → 200 with the call, 404 unknown;</li>
 * <li>{@code GET /sip/registrations}: the registered users.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SipRoutes {

    /** The body of {@code POST /sip/calls}. */
    record DialRequest(String to, String room, String peer) {
    }

    @Bean
    RouterFunction<ServerResponse> sipApi(SipServer server, TokenCodec codec) {
        return RouterFunctions.route()
                .POST("/sip/calls", request -> authorized(request, codec, () -> request.bodyToMono(DialRequest.class)
                        .onErrorResume(e -> Mono.just(new DialRequest(null, null, "\u0000bad-json")))
                        .flatMap(body -> {
                            if ("\u0000bad-json".equals(body.peer())) {
                                return error(HttpStatus.BAD_REQUEST, "BAD_REQUEST: the body must be JSON "
                                        + "{\"to\":...,\"room\":...,\"peer\":optional}");
                            }
                            return Mono.fromFuture(server.engine().dial(body.to(), body.room(), body.peer()))
                                    .flatMap(call -> ServerResponse.status(HttpStatus.CREATED)
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .bodyValue(ApiResponse.ok(call)))
                                    .onErrorResume(SipRoutes::dialError);
                        })))
                .GET("/sip/calls", request -> authorized(request, codec, () ->
                        Mono.fromFuture(server.engine().calls()).flatMap(SipRoutes::ok)))
                .DELETE("/sip/calls/{id}", request -> authorized(request, codec, () ->
                        Mono.fromFuture(server.engine().hangup(request.pathVariable("id"))).flatMap(call ->
                                call.isPresent() ? ok(call.get())
                                        : error(HttpStatus.NOT_FOUND, "NOT_FOUND: no call "
                                                + request.pathVariable("id")))))
                .GET("/sip/registrations", request -> authorized(request, codec, () ->
                        Mono.fromFuture(server.engine().registrations()).flatMap(SipRoutes::ok)))
                .build();
    }

    private interface Handler {
        Mono<ServerResponse> handle();
    }

    private static Mono<ServerResponse> authorized(ServerRequest request, TokenCodec codec, Handler handler) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !codec.isSecret(header.substring(7).trim())) {
            return error(HttpStatus.UNAUTHORIZED,
                    "UNAUTHORIZED: the SIP API needs Authorization: Bearer <cluster secret>");
        }
        return handler.handle();
    }

    private static Mono<ServerResponse> dialError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof DialException dial) {
            return error(HttpStatus.valueOf(dial.status()), HttpStatus.valueOf(dial.status()).name() + ": "
                    + dial.getMessage());
        }
        return Mono.error(cause);
    }

    private static Mono<ServerResponse> ok(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(ApiResponse.ok(body));
    }

    private static Mono<ServerResponse> error(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiResponse.error(message));
    }

}
