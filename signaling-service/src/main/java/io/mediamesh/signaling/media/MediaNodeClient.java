package io.mediamesh.signaling.media;

import io.mediamesh.signaling.protocol.SdkError;
import io.mediamesh.signaling.protocol.SdkException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * The media node's internal SDK API ({@code /internal/sdk/sessions...}, authenticated with the cluster secret), as
 * the signalling service calls it. A node's 4xx becomes the matching typed error with the node's reason; anything
 * else (5xx, connection refused, timeout) is {@link SdkError#MEDIA_NODE_FAILED}.
 */
public final class MediaNodeClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    /** A created peer connection: its id on the node and the SDP answer. */
    public record Created(String id, String sdp) {
    }

    private final WebClient http;
    private final String secret;

    public MediaNodeClient(WebClient.Builder builder, String secret) {
        this.http = builder.build();
        this.secret = secret;
    }

    /** Opens a {@code send} or {@code recv} peer connection. */
    public Mono<Created> create(String nodeUrl, String kind, String room, String peer, String sdp,
            Map<String, String> senders) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("room", room);
        body.put("peer", peer);
        body.put("sdp", sdp);
        body.put("senders", senders);
        return call(HttpMethod.POST, nodeUrl + "/internal/sdk/sessions", body)
                .map(data -> new Created((String) data.get("id"), (String) data.get("sdp")));
    }

    /** Answers a new offer on a live peer connection. */
    public Mono<String> renegotiate(String nodeUrl, String id, String sdp, Map<String, String> senders) {
        return call(HttpMethod.PUT, nodeUrl + "/internal/sdk/sessions/" + id + "/sdp", Map.of("sdp", sdp,
                "senders", senders)).map(data -> (String) data.get("sdp"));
    }

    /** Points a receiver at a track (null peer: none), enabled or not; the node's view of the receiver. */
    public Mono<Map<String, Object>> receiver(String nodeUrl, String id, String mid, String peer, String track,
            boolean enabled, int minSpatial, int maxSpatial, int minTemporal, int maxTemporal, int priority) {
        Map<String, Object> body = new HashMap<>();
        body.put("peer", peer);
        body.put("track", track);
        body.put("enabled", enabled);
        body.put("minSpatial", minSpatial);
        body.put("maxSpatial", maxSpatial);
        body.put("minTemporal", minTemporal);
        body.put("maxTemporal", maxTemporal);
        body.put("priority", priority);
        return call(HttpMethod.PUT, nodeUrl + "/internal/sdk/sessions/" + id + "/receivers/" + mid, body);
    }

    /** Every receiver of a {@code recv} peer connection, with its counters. */
    @SuppressWarnings("unchecked")
    public Mono<List<Map<String, Object>>> receivers(String nodeUrl, String id) {
        return http.get().uri(nodeUrl + "/internal/sdk/sessions/" + id + "/receivers")
                .header("Authorization", "Bearer " + secret)
                .exchangeToMono(response -> read(response).map(data -> (List<Map<String, Object>>) (Object) data))
                .timeout(TIMEOUT).onErrorMap(MediaNodeClient::unreachable);
    }

    /** Closes a peer connection; a connection the node no longer has counts as closed. */
    public Mono<Void> delete(String nodeUrl, String id) {
        return http.delete().uri(nodeUrl + "/internal/sdk/sessions/" + id)
                .header("Authorization", "Bearer " + secret)
                .exchangeToMono(ClientResponse::releaseBody).timeout(TIMEOUT)
                .onErrorResume(e -> Mono.empty());
    }

    @SuppressWarnings("unchecked")
    private Mono<Map<String, Object>> call(HttpMethod method, String url, Object body) {
        return http.method(method).uri(url).header("Authorization", "Bearer " + secret)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(response -> read(response).map(data -> (Map<String, Object>) data))
                .timeout(TIMEOUT).onErrorMap(MediaNodeClient::unreachable);
    }

    private static Mono<Object> read(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        return response.bodyToMono(JSON).defaultIfEmpty(Map.of()).flatMap(json -> {
            if (status.is2xxSuccessful() && json.containsKey("data")) {
                return Mono.just(json.get("data"));
            }
            String reason = String.valueOf(json.getOrDefault("error", "no reason given"));
            if (status.value() == 404) {
                return Mono.error(new SdkException(SdkError.NOT_FOUND, "media node: " + reason));
            }
            if (status.is4xxClientError()) {
                SdkError code = reason.startsWith("bad SDP") ? SdkError.BAD_SDP : SdkError.INVALID_FIELD;
                return Mono.error(new SdkException(code, reason));
            }
            return Mono.error(new SdkException(SdkError.MEDIA_NODE_FAILED, "media node answered " + status.value()
                    + ": " + reason));
        });
    }

    private static Throwable unreachable(Throwable error) {
        if (error instanceof SdkException) {
            return error;
        }
        String what = error instanceof WebClientRequestException ? "unreachable" : "failed";
        return new SdkException(SdkError.MEDIA_NODE_FAILED, "media node " + what + ": " + error.getMessage());
    }
}
