package io.mediamesh.node.api;

import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.node.MediaNode;
import io.mediamesh.node.MediaNode.Kind;
import io.mediamesh.node.cluster.NodeDrain;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The media node's HTTP routes: WHIP and WHEP, with every refusal as a JSON {@code {status:false, error}} body.
 * Handlers are deferred so that a refusal thrown while reading the request still reaches the error mapping.
 */
@Configuration(proxyBeanMethods = false)
public class ApiRoutes {
    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);

    @Bean
    RouterFunction<ServerResponse> whipWhepRoutes(MediaNode node, TokenCodec codec, NodeDrain drain) {
        WhipWhepHandler handler = new WhipWhepHandler(node, new BearerTokens(codec, Clock.systemUTC()), drain);
        return RouterFunctions.route()
                .POST("/whip/endpoint", request -> Mono.defer(() -> handler.publish(request)))
                .PATCH("/whip/conn/{id}", request -> Mono.defer(() -> handler.patch(request, Kind.WHIP)))
                .DELETE("/whip/conn/{id}", request -> Mono.defer(() -> handler.delete(request, Kind.WHIP)))
                .POST("/whep/endpoint", request -> Mono.defer(() -> handler.play(request)))
                .PATCH("/whep/conn/{id}", request -> Mono.defer(() -> handler.patch(request, Kind.WHEP)))
                .DELETE("/whep/conn/{id}", request -> Mono.defer(() -> handler.delete(request, Kind.WHEP)))
                .PUT("/whep/conn/{id}/source", request -> Mono.defer(() -> ViewerSourceApi.handle(node, request)))
                .onError(ApiException.class, (error, request) -> {
                    ApiException api = (ApiException) error;
                    return ServerResponse.status(api.status()).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(WhipWhepHandler.errorBody(api.getMessage()));
                })
                .onError(DataBufferLimitException.class, (error, request) -> ServerResponse
                        .status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(WhipWhepHandler.errorBody("request body too large (an SDP offer is at most 64 KiB)")))
                .onError(ServerWebInputException.class, (error, request) -> ServerResponse.badRequest()
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(WhipWhepHandler.errorBody("unreadable request: " + error.getMessage())))
                .onError(RuntimeException.class, (error, request) -> {
                    log.error("{} {} failed", request.method(), request.path(), error);
                    return ServerResponse.status(HttpStatus.INTERNAL_SERVER_ERROR)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(WhipWhepHandler.errorBody("internal error"));
                })
                .build();
    }
}
