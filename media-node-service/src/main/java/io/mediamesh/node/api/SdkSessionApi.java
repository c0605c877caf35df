package io.mediamesh.node.api;

import io.mediamesh.core.sdp.NegotiationException;
import io.mediamesh.model.ids.PeerId;
import io.mediamesh.model.ids.RoomId;
import io.mediamesh.node.MediaNode;
import io.mediamesh.node.MediaNode.Kind;
import io.mediamesh.node.cluster.NodeDrain;
import io.mediamesh.node.room.ReceiverSettings;
import io.mediamesh.proto.MalformedPacketException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The media side of SDK sessions, called by the signalling service on the internal API. An SDK peer has up to two
 * peer connections on its node, {@code send} (its senders) and {@code recv} (its receivers), each renegotiated as
 * senders and receivers come and go:
 * <ul>
 *   <li>{@code POST /internal/sdk/sessions} {@code {"kind":"send"|"recv","room","peer","sdp","senders":{mid:name}}}
 *       → 201 {@code {"id","sdp"}};</li>
 *   <li>{@code PUT /internal/sdk/sessions/{id}/sdp} {@code {"sdp","senders"}} → {@code {"sdp"}} (renegotiation);</li>
 *   <li>{@code PUT /internal/sdk/sessions/{id}/receivers/{mid}} {@code {"peer","track","enabled","priority","minTemporal","maxTemporal","minSpatial",
 *       "maxSpatial"}} → the receiver (switch, detach with a null peer, disable/enable, simulcast layer range), with
 *       no renegotiation;</li>
 *   <li>{@code GET /internal/sdk/sessions/{id}/receivers} and {@code DELETE /internal/sdk/sessions/{id}}.</li>
 * </ul>
 * Every answer is {@code {"status": true, "data": ...}}; refusals are 4xx with {@code {"status": false, "error"}}.
 */
final class SdkSessionApi {
    private static final int MAX_SDP_CHARS = 64 * 1024;

    /** The body of a session creation or renegotiation. */
    record SdpRequest(String kind, String room, String peer, String sdp, Map<String, String> senders) {
    }

    /** The body of a receiver change. */
    record ReceiverRequest(String peer, String track, Boolean enabled, Integer minSpatial, Integer maxSpatial,
            Integer minTemporal, Integer maxTemporal, Integer priority) {
    }

    private final MediaNode node;
    private final NodeDrain drain;

    SdkSessionApi(MediaNode node, NodeDrain drain) {
        this.node = node;
        this.drain = drain;
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return body(request, SdpRequest.class).flatMap(body -> {
            if (!drain.accepting()) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "this media node is draining");
            }
            Kind kind = switch (String.valueOf(body.kind())) {
                case "send" -> Kind.SEND;
                case "recv" -> Kind.RECV;
                default -> throw new ApiException(HttpStatus.BAD_REQUEST, "kind must be send or recv");
            };
            validName("room", body.room(), true);
            validName("peer", body.peer(), false);
            String sdp = sdp(body.sdp());
            Map<String, String> senders = senders(body.senders());
            return Mono.fromFuture(() -> node.sdkSession(kind, body.room(), body.peer(), sdp, senders))
                    .onErrorMap(SdkSessionApi::badOffer)
                    .flatMap(created -> ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(ok(Map.of("id", created.id(), "sdp", created.answer()))));
        });
    }

    Mono<ServerResponse> renegotiate(ServerRequest request) {
        String id = request.pathVariable("id");
        Kind kind = kindOf(id);
        return body(request, SdpRequest.class).flatMap(body -> {
            String sdp = sdp(body.sdp());
            Map<String, String> senders = senders(body.senders());
            return Mono.fromFuture(() -> node.sdkRenegotiate(kind, id, sdp, senders)).onErrorMap(SdkSessionApi::badOffer)
                    .flatMap(answer -> answer.isEmpty() ? Mono.error(notFound(id))
                            : json(ok(Map.of("sdp", answer.get()))));
        });
    }

    Mono<ServerResponse> receiver(ServerRequest request) {
        String id = request.pathVariable("id");
        String mid = request.pathVariable("mid");
        return body(request, ReceiverRequest.class).flatMap(body -> {
            if (body.peer() != null) {
                validName("peer", body.peer(), false);
                if (body.track() == null || body.track().isBlank() || body.track().length() > 128) {
                    throw new ApiException(HttpStatus.BAD_REQUEST, "track: 1 to 128 characters with a peer");
                }
            }
            ReceiverSettings settings;
            try {
                settings = new ReceiverSettings(!Boolean.FALSE.equals(body.enabled()),
                        or(body.minSpatial(), 0), or(body.maxSpatial(), ReceiverSettings.MAX_LAYER),
                        or(body.minTemporal(), 0), or(body.maxTemporal(), ReceiverSettings.MAX_LAYER),
                        or(body.priority(), ReceiverSettings.DEFAULT_PRIORITY));
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, e.getMessage());
            }
            return Mono.fromFuture(() -> node.sdkReceiver(id, mid, body.peer(), body.track(), settings))
                    .onErrorMap(SdkSessionApi::badReceiver)
                    .flatMap(view -> view.isEmpty() ? Mono.error(notFound(id)) : json(ok(view.get())));
        });
    }

    Mono<ServerResponse> receivers(ServerRequest request) {
        String id = request.pathVariable("id");
        return Mono.fromFuture(() -> node.sdkReceivers(id))
                .flatMap(list -> list.isEmpty() ? Mono.error(notFound(id)) : json(ok(list.get())));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        String id = request.pathVariable("id");
        return Mono.fromFuture(() -> node.delete(kindOf(id), id))
                .flatMap(deleted -> deleted ? json(ok(Map.of("id", id))) : Mono.error(notFound(id)));
    }

    private static Kind kindOf(String id) {
        if (id.startsWith("send-")) {
            return Kind.SEND;
        }
        if (id.startsWith("recv-")) {
            return Kind.RECV;
        }
        throw notFound(id);
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    private static <T> Mono<T> body(ServerRequest request, Class<T> type) {
        String shape = "body must be JSON (" + type.getSimpleName() + ")";
        return request.bodyToMono(type).onErrorMap(e -> !(e instanceof ApiException),
                e -> new ApiException(HttpStatus.BAD_REQUEST, shape))
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.BAD_REQUEST, shape)));
    }

    private static String sdp(String sdp) {
        if (sdp == null || sdp.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "sdp: an SDP offer is required");
        }
        if (sdp.length() > MAX_SDP_CHARS) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "sdp: larger than 64 KiB");
        }
        return sdp;
    }

    private static Map<String, String> senders(Map<String, String> senders) {
        Map<String, String> names = new HashMap<>();
        if (senders != null) {
            senders.forEach((mid, name) -> {
                if (name == null || name.isBlank() || name.length() > 64 || !name.matches("[A-Za-z0-9_.-]+")) {
                    throw new ApiException(HttpStatus.BAD_REQUEST,
                            "senders: name of mid " + mid + " must be 1 to 64 of [A-Za-z0-9_.-]");
                }
                names.put(mid, name);
            });
        }
        return names;
    }

    private static void validName(String field, String value, boolean room) {
        try {
            if (room) {
                new RoomId(value);
            } else {
                new PeerId(value);
            }
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, field + ": " + e.getMessage());
        }
    }

    private static Throwable badOffer(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NegotiationException || cause instanceof MalformedPacketException) {
            return new ApiException(HttpStatus.BAD_REQUEST, "bad SDP offer: " + cause.getMessage());
        }
        return cause;
    }

    private static Throwable badReceiver(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof IllegalArgumentException ? new ApiException(HttpStatus.BAD_REQUEST, cause.getMessage())
                : cause;
    }

    private static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "no SDK session " + id + " on this node");
    }

    private static Map<String, Object> ok(Object data) {
        return Map.of("status", true, "data", data);
    }

    private static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
