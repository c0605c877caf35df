package io.mediamesh.gateway.admin;

import io.mediamesh.gateway.config.GatewayProperties;
import io.mediamesh.model.cluster.NodeInfo;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Calls a media node's internal API, authenticated with {@code Authorization: Bearer <cluster secret>}
 * ({@code mediamesh.gateway.secret}, equal to the node's {@code mediamesh.node.secret}). The paths are the contract
 * with the media node:
 *
 * <ul>
 *   <li>{@code DELETE /internal/peers/{room}/{peer}}: disconnect that peer's session(s) on this node; 2xx when done,
 *       404 when the node has no such peer.</li>
 *   <li>{@code DELETE /internal/rooms/{room}}: disconnect every peer of the room on this node; 2xx when done.</li>
 *   <li>{@code GET /internal/overlay}: the node's overlay view as JSON (links, routes, channels).</li>
 * </ul>
 *
 * Room and peer are single path segments, percent-encoded. Any non-2xx answer, refused connection or time-out
 * becomes a 502 {@code MEDIA_NODE_FAILED} naming the node and the cause.
 */
@Component
class MediaNodeClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final WebClient client;
    private final String bearer;

    MediaNodeClient(GatewayProperties properties) {
        HttpClient http = HttpClient.create().responseTimeout(TIMEOUT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000);
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        this.bearer = "Bearer " + properties.secret();
    }

    Mono<Void> kickPeer(NodeInfo node, String room, String peer) {
        return exchange(node, HttpMethod.DELETE, uri(node, "internal", "peers", room, peer)).then();
    }

    Mono<Void> closeRoom(NodeInfo node, String room) {
        return exchange(node, HttpMethod.DELETE, uri(node, "internal", "rooms", room)).then();
    }

    /** The node's overlay JSON, passed through as text. */
    Mono<String> overlay(NodeInfo node) {
        return exchange(node, HttpMethod.GET, uri(node, "internal", "overlay")).defaultIfEmpty("{}");
    }

    private Mono<String> exchange(NodeInfo node, HttpMethod method, URI uri) {
        return client.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, bearer)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("").flatMap(body -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return Mono.just(body);
                    }
                    return Mono.error(AdminException.nodeFailed("node " + node.nodeIdHex() + " answered "
                            + response.statusCode().value() + " to " + method + " " + uri.getRawPath()));
                }))
                .timeout(TIMEOUT.plusSeconds(1))
                .onErrorMap(e -> !(e instanceof AdminException),
                        e -> AdminException.nodeFailed("node " + node.nodeIdHex() + " at " + node.httpUrl()
                                + " failed: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : " " + e.getMessage())));
    }

    private static URI uri(NodeInfo node, String... segments) {
        return UriComponentsBuilder.fromUriString(node.httpUrl()).pathSegment(segments).encode().build().toUri();
    }
}
