package io.mediamesh.gateway.admin;

import io.mediamesh.gateway.config.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /api/admin/**} with {@code Authorization: Bearer <admin secret>}: 401 {@code ADMIN_TOKEN_MISSING} or
 * {@code ADMIN_TOKEN_INVALID} otherwise. The comparison takes the same time whatever the guess. CORS preflights pass,
 * since browsers send them without credentials.
 */
@Component
class AdminAuthFilter implements WebFilter {

    static final String PREFIX = "/api/admin/";
    private static final String BEARER = "Bearer ";

    private final byte[] secret;

    AdminAuthFilter(GatewayProperties properties) {
        this.secret = properties.effectiveAdminSecret().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!(path + "/").startsWith(PREFIX) || exchange.getRequest().getMethod() == HttpMethod.OPTIONS) {
            return chain.filter(exchange);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized(exchange.getResponse(),
                    "ADMIN_TOKEN_MISSING: send the admin secret as 'Authorization: Bearer <secret>'");
        }
        byte[] offered = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(offered, secret)) {
            return unauthorized(exchange.getResponse(), "ADMIN_TOKEN_INVALID: the admin secret is wrong");
        }
        return chain.filter(exchange);
    }

    private static Mono<Void> unauthorized(ServerHttpResponse response, String error) {
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        // Constant messages without quotes: valid JSON as they are.
        byte[] json = ("{\"status\":false,\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json)));
    }
}
