package io.mediamesh.gateway.route;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code RelativeLocation}: makes a proxied {@code Location} header relative ({@code /whip/conn/{id}}).
 *
 * <p>A WHIP/WHEP client sends PATCH and DELETE to the session URL it got in {@code Location}. A media node that
 * answers with an absolute URL names its own, usually private, address, which the browser cannot reach; keeping only
 * path, query and fragment makes the client come back through this gateway, which is the only public entry point.
 * Relative values, and values that are not URIs, pass through untouched.
 */
@Component
public class RelativeLocationGatewayFilterFactory
        extends AbstractGatewayFilterFactory<RelativeLocationGatewayFilterFactory.Config> {

    public RelativeLocationGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public GatewayFilter apply(Config config) {
        return new GatewayFilter() {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                return chain.filter(exchange).then(Mono.fromRunnable(() -> relativize(exchange)));
            }

            @Override
            public String toString() {
                return GatewayToStringStyler.filterToStringCreator(RelativeLocationGatewayFilterFactory.this)
                        .toString();
            }
        };
    }

    private static void relativize(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        String location = headers.getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            headers.set(HttpHeaders.LOCATION, relative(location));
        }
    }

    /** Returns the path, query and fragment of an absolute URI, or {@code location} itself if it is not one. */
    static String relative(String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            return location;
        }
        if (!uri.isAbsolute() && uri.getRawAuthority() == null) {
            return location;
        }
        StringBuilder relative = new StringBuilder(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            relative.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            relative.append('#').append(uri.getRawFragment());
        }
        return relative.toString();
    }

    /** No options: the filter always applies to {@code Location}. */
    public static class Config {
    }
}
