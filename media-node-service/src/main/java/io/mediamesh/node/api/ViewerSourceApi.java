package io.mediamesh.node.api;

import io.mediamesh.model.ids.PeerId;
import io.mediamesh.node.MediaNode;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Switching a live WHEP viewer to another peer's tracks, or pausing it, without renegotiation: the body
 * {@code {"peer": "<peer>" or null, "paused": false}} and the answer {@code {"id", "state"}} with state
 * {@code active}, {@code waiting} or {@code paused}. Served to the viewer itself ({@code PUT /whep/conn/{id}/source},
 * the unguessable resource URL is the credential as for PATCH and DELETE) and on the internal API.
 */
final class ViewerSourceApi {
    private static final String BODY = "body must be JSON {\"peer\": \"<peer>\" or null, \"paused\": false}";

    /** The request body. */
    record SourceRequest(String peer, Boolean paused) {
    }

    private ViewerSourceApi() {
    }

    static Mono<ServerResponse> handle(MediaNode node, ServerRequest request) {
        String id = request.pathVariable("id");
        return request.bodyToMono(SourceRequest.class)
                .onErrorMap(e -> new ApiException(HttpStatus.BAD_REQUEST, BODY))
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.BAD_REQUEST, BODY)))
                .flatMap(body -> select(node, id, body))
                .onErrorResume(ApiException.class, e -> ServerResponse.status(e.status())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(WhipWhepHandler.errorBody(e.getMessage())));
    }

    private static Mono<ServerResponse> select(MediaNode node, String id, SourceRequest body) {
        if (body.peer() != null) {
            try {
                new PeerId(body.peer());
            } catch (IllegalArgumentException e) {
                return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "peer: " + e.getMessage()));
            }
        }
        boolean paused = Boolean.TRUE.equals(body.paused());
        return Mono.fromFuture(node.selectSource(id, body.peer(), paused)).flatMap(state -> state.isPresent()
                ? ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("status", true, "data", Map.of("id", id, "state", state.get())))
                : Mono.error(new ApiException(HttpStatus.NOT_FOUND, "no WHEP session " + id + " on this node")));
    }
}
