package io.mediamesh.node.api;

import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.node.MediaNode;
import io.mediamesh.node.cluster.NodeDrain;
import java.util.Map;
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
import reactor.core.scheduler.Schedulers;

/**
 * The node's internal API, called by gateways for the admin API ({@code Authorization: Bearer <cluster secret>}):
 * {@code GET /internal/overlay} (links, routes, channels with their downstreams: relay reuse is visible there),
 * {@code DELETE /internal/peers/{room}/{peer}} (kick) and {@code DELETE /internal/rooms/{room}} (close); and the
 * graceful drain for operators and the Kubernetes preStop hook: {@code POST /internal/drain} starts it (202 with the
 * status; {@code ?wait=true} answers 200 only once the drain is over) and {@code GET /internal/drain} reports it;
 * and {@code PUT /internal/whep/{id}/source} with {@code {"peer": ..., "paused": ...}}: a WHEP viewer switched to
 * another peer's tracks, or paused, without renegotiation; and the SDK sessions the signalling service drives
 * ({@code /internal/sdk/sessions...}, see {@link SdkSessionApi}).
 */
@Configuration(proxyBeanMethods = false)
public class InternalRoutes {

    @Bean
    RouterFunction<ServerResponse> internalApi(MediaNode node, TokenCodec codec, NodeDrain drain) {
        SdkSessionApi sdk = new SdkSessionApi(node, drain);
        return RouterFunctions.route()
                .POST("/internal/sdk/sessions", request -> authorized(request, codec, () -> sdk.create(request)))
                .PUT("/internal/sdk/sessions/{id}/sdp", request -> authorized(request, codec,
                        () -> sdk.renegotiate(request)))
                .PUT("/internal/sdk/sessions/{id}/receivers/{mid}", request -> authorized(request, codec,
                        () -> sdk.receiver(request)))
                .GET("/internal/sdk/sessions/{id}/receivers", request -> authorized(request, codec,
                        () -> sdk.receivers(request)))
                .DELETE("/internal/sdk/sessions/{id}", request -> authorized(request, codec, () -> sdk.delete(request)))
                .POST("/internal/drain", request -> authorized(request, codec, () -> {
                    var finished = drain.start();
                    if (request.queryParam("wait").filter("true"::equals).isPresent()) {
                        // A client that hangs up must not cancel the drain itself (the future is shared), and the
                        // answer is built on a Reactor thread, not on the drain's timer thread that completes it.
                        return Mono.fromFuture(finished, true).publishOn(Schedulers.parallel())
                                .flatMap(ended -> json(drainBody(drain)));
                    }
                    return ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(drainBody(drain));
                }))
                .GET("/internal/drain", request -> authorized(request, codec, () -> json(drainBody(drain))))
                .GET("/internal/overlay", request -> authorized(request, codec, () -> overlay(node)))
                .DELETE("/internal/peers/{room}/{peer}", request -> authorized(request, codec, () -> Mono
                        .fromFuture(node.kick(request.pathVariable("room"), request.pathVariable("peer"),
                                "kicked through the admin API"))
                        .flatMap(closed -> json(Map.of("status", true, "data", Map.of("closed", closed))))))
                .DELETE("/internal/rooms/{room}", request -> authorized(request, codec, () -> Mono
                        .fromFuture(node.closeRoom(request.pathVariable("room"), "room closed through the admin API"))
                        .flatMap(closed -> json(Map.of("status", true, "data", Map.of("closed", closed))))))
                .PUT("/internal/whep/{id}/source", request -> authorized(request, codec,
                        () -> ViewerSourceApi.handle(node, request)))
                .onError(ApiException.class, (error, request) -> ServerResponse.status(((ApiException) error).status())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(WhipWhepHandler.errorBody(error.getMessage())))
                .build();
    }

    private static Map<String, Object> drainBody(NodeDrain drain) {
        NodeDrain.Status status = drain.status();
        return Map.of("status", true, "data", Map.of("draining", status.draining(), "sessions", status.sessions(),
                "drained", status.drained()));
    }

    private static Mono<ServerResponse> overlay(MediaNode node) {
        if (node.cluster() == null) {
            return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(WhipWhepHandler.errorBody("this node runs without the cluster (no overlay)"));
        }
        return Mono.fromFuture(node.cluster().overlaySnapshot()).flatMap(InternalRoutes::json);
    }

    private static Mono<ServerResponse> authorized(ServerRequest request, TokenCodec codec,
            java.util.function.Supplier<Mono<ServerResponse>> action) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !codec.isSecret(header.substring(7).trim())) {
            return ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(WhipWhepHandler.errorBody("the internal API needs Authorization: Bearer <cluster secret>"));
        }
        return Mono.defer(action);
    }

    private static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
