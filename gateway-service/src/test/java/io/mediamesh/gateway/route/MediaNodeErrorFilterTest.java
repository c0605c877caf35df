package io.mediamesh.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class MediaNodeErrorFilterTest {

    private final MediaNodeErrorFilter filter = new MediaNodeErrorFilter();
    private final MockServerWebExchange exchange =
            MockServerWebExchange.from(MockServerHttpRequest.post("/whip/endpoint").build());

    @Test
    void refusedConnectionIs503InTheEnvelope() {
        StepVerifier.create(filter.filter(exchange, failing(
                new RuntimeException("wrapped", new ConnectException("Connection refused"))))).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .isEqualTo("{\"status\":false,\"error\":\"MEDIA_NODE_UNAVAILABLE: the media node cannot be reached,"
                        + " retry later\"}");
    }

    @Test
    void connectTimeoutIs503() {
        StepVerifier.create(filter.filter(exchange, failing(new ConnectTimeoutException("timed out"))))
                .verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void responseTimeoutIs504() {
        StepVerifier.create(filter.filter(exchange, failing(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT))))
                .verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("MEDIA_NODE_TIMEOUT");
    }

    @Test
    void routingRefusalKeepsItsStatusAndEscapesTheMessage() {
        StepVerifier.create(filter.filter(exchange, failing(new MediaNodeRoutingException(HttpStatus.NOT_FOUND,
                "UNKNOWN_CONNECTION: a\"b\\c\n names no media node")))).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .isEqualTo("{\"status\":false,\"error\":\"UNKNOWN_CONNECTION: a\\\"b\\\\c\\u000a names no media node\"}");
    }

    @Test
    void otherErrorsPassThrough() {
        IllegalStateException bug = new IllegalStateException("bug");

        StepVerifier.create(filter.filter(exchange, failing(bug))).verifyErrorMatches(e -> e == bug);
    }

    @Test
    void successIsUntouched() {
        StepVerifier.create(filter.filter(exchange, ex -> Mono.empty())).verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    private static GatewayFilterChain failing(Throwable error) {
        return ex -> Mono.error(error);
    }
}
