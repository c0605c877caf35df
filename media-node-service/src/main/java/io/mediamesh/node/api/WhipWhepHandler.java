package io.mediamesh.node.api;

import io.mediamesh.core.sdp.NegotiationException;
import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenKind;
import io.mediamesh.node.MediaNode;
import io.mediamesh.node.MediaNode.Kind;
import io.mediamesh.node.cluster.NodeDrain;
import io.mediamesh.proto.MalformedPacketException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * WHIP (RFC 9725) and WHEP endpoints, on atm0s-media-server's paths: {@code POST /whip/endpoint} creates a session and
 * answers 201 with the SDP answer and {@code Location: /whip/conn/{id}}; PATCH on that resource takes trickle ICE
 * fragments; DELETE ends it. WHEP is the same under {@code /whep/}. The unguessable resource id is the capability for
 * PATCH and DELETE.
 */
final class WhipWhepHandler {
    static final MediaType SDP = MediaType.parseMediaType("application/sdp");
    static final MediaType TRICKLE_ICE = MediaType.parseMediaType("application/trickle-ice-sdpfrag");
    private static final int MAX_SDP_BYTES = 64 * 1024;

    private final MediaNode node;
    private final BearerTokens tokens;
    private final NodeDrain drain;

    WhipWhepHandler(MediaNode node, BearerTokens tokens, NodeDrain drain) {
        this.node = node;
        this.tokens = tokens;
        this.drain = drain;
    }

    Mono<ServerResponse> publish(ServerRequest request) {
        refuseWhileDraining();
        TokenClaims claims = tokens.require(request, TokenKind.WHIP);
        if (claims.peer() == null || claims.peer().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "a WHIP token must name its peer");
        }
        return offer(request).flatMap(offer -> created(Kind.WHIP, () -> node.publish(claims, offer)));
    }

    Mono<ServerResponse> play(ServerRequest request) {
        refuseWhileDraining();
        TokenClaims claims = tokens.require(request, TokenKind.WHEP);
        String wanted = request.queryParam("peer").filter(p -> !p.isBlank()).orElse(null);
        return offer(request).flatMap(offer -> created(Kind.WHEP, () -> node.play(claims, wanted, offer)));
    }

    Mono<ServerResponse> patch(ServerRequest request, Kind kind) {
        requireContentType(request, TRICKLE_ICE);
        String id = request.pathVariable("id");
        return request.bodyToMono(String.class).defaultIfEmpty("")
                .flatMap(fragment -> Mono.fromFuture(node.remoteIceUfrag(kind, id)).map(ufrag -> {
                    if (ufrag.isEmpty()) {
                        throw notFound(kind, id);
                    }
                    TrickleFragment.validate(fragment, ufrag.get());
                    return fragment;
                }))
                .flatMap(ok -> ServerResponse.noContent().build());
    }

    Mono<ServerResponse> delete(ServerRequest request, Kind kind) {
        String id = request.pathVariable("id");
        return Mono.fromFuture(node.delete(kind, id)).flatMap(deleted -> {
            if (!deleted) {
                return Mono.error(notFound(kind, id));
            }
            return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("OK");
        });
    }

    private Mono<String> offer(ServerRequest request) {
        requireContentType(request, SDP);
        return request.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
            if (body.isBlank()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "empty body: expected an SDP offer");
            }
            if (body.length() > MAX_SDP_BYTES) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "SDP offer larger than 64 KiB");
            }
            return body;
        });
    }

    private Mono<ServerResponse> created(Kind kind, Supplier<CompletableFuture<MediaNode.Created>> creation) {
        return Mono.fromFuture(creation).onErrorMap(WhipWhepHandler::badOffer).flatMap(created -> ServerResponse
                .created(URI.create("/" + kind.name().toLowerCase() + "/conn/" + created.id()))
                .contentType(SDP)
                .bodyValue(created.answer()));
    }

    private static Throwable badOffer(Throwable error) {
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        if (cause instanceof NegotiationException || cause instanceof MalformedPacketException) {
            return new ApiException(HttpStatus.BAD_REQUEST, "bad SDP offer: " + cause.getMessage());
        }
        return cause;
    }

    /** A draining node takes no new session; the gateway retries on another node. */
    private void refuseWhileDraining() {
        if (!drain.accepting()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "this media node is draining and takes no new sessions: retry on another node");
        }
    }

    private static void requireContentType(ServerRequest request, MediaType expected) {
        MediaType actual = request.headers().contentType().orElse(null);
        if (actual == null || !expected.isCompatibleWith(actual)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + expected + " (got " + (actual == null ? "none" : actual) + ")");
        }
    }

    private static ApiException notFound(Kind kind, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "no " + kind.name() + " session " + id);
    }

    static Map<String, Object> errorBody(String reason) {
        return Map.of("status", false, "error", reason);
    }
}
