package io.mediamesh.gateway.route;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers in the API's JSON envelope when the media node cannot be reached or does not answer in time, instead of
 * Boot's generic 500 page: 503 {@code MEDIA_NODE_UNAVAILABLE} for a refused or timed-out connection, 504
 * {@code MEDIA_NODE_TIMEOUT} when the response timeout passes. A WHIP client can then tell "retry later" from
 * "your offer was wrong". Refusals of the {@code MediaNodeRouting} filter (no eligible node, unknown node) are
 * answered here too, with their own status. Other errors, and errors after the response has started, pass through
 * unchanged.
 */
@Component
public class MediaNodeErrorFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(MediaNodeErrorFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(error -> {
            ServerHttpResponse response = exchange.getResponse();
            if (response.isCommitted()) {
                return Mono.error(error);
            }
            if (error instanceof MediaNodeRoutingException refused) {
                return JsonError.write(response, refused.status(), refused.getMessage());
            }
            if (isConnectFailure(error)) {
                log.warn("Media node unreachable for {} {}: {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error.toString());
                return write(response, HttpStatus.SERVICE_UNAVAILABLE,
                        "MEDIA_NODE_UNAVAILABLE: the media node cannot be reached, retry later");
            }
            if (error instanceof ResponseStatusException status
                    && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return write(response, HttpStatus.GATEWAY_TIMEOUT,
                        "MEDIA_NODE_TIMEOUT: the media node did not answer in time");
            }
            return Mono.error(error);
        });
    }

    /** Runs outside every route filter, so it sees the routing filter's failure after the others gave up. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static boolean isConnectFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            // Netty's connect timeout extends ConnectException too.
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String error) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        // The messages are constants without quotes or backslashes, so plain concatenation is valid JSON.
        byte[] json = ("{\"status\":false,\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(json);
        return response.writeWith(Mono.just(buffer));
    }
}
