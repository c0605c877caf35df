package io.mediamesh.gateway.token;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.mediamesh.gateway.config.GatewayProperties;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenKind;
import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Wires the token API: one codec keyed by the cluster secret, and the {@code /token/{kind}} endpoints. */
@Configuration(proxyBeanMethods = false)
class TokenRoutes {

    @Bean
    TokenCodec tokenCodec(GatewayProperties properties) {
        return new TokenCodec(properties.secret());
    }

    @Bean
    TokenHandler tokenHandler(TokenCodec codec) {
        return new TokenHandler(codec, InstantSource.system());
    }

    @Bean
    RouterFunction<ServerResponse> tokenRouter(TokenHandler handler) {
        return route(POST("/token/whip"), request -> handler.issue(request, TokenKind.WHIP))
                .andRoute(POST("/token/whep"), request -> handler.issue(request, TokenKind.WHEP))
                .andRoute(POST("/token/rtmp"), request -> handler.issue(request, TokenKind.RTMP))
                .andRoute(POST("/token/webrtc"), request -> handler.issue(request, TokenKind.WEBRTC));
    }
}
