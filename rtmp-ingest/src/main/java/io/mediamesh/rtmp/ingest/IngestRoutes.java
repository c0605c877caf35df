package io.mediamesh.rtmp.ingest;

import io.mediamesh.model.api.ApiResponse;
import io.mediamesh.model.token.TokenCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The ingest's HTTP API for gateways: {@code GET /rtmp/sessions} ({@code Authorization: Bearer <cluster secret>})
 * lists the publishing connections with their codecs and packet counts.
 */
@Configuration(proxyBeanMethods = false)
class IngestRoutes {

    @Bean
    RouterFunction<ServerResponse> ingestApi(IngestSessions sessions, TokenCodec codec) {
        return RouterFunctions.route().GET("/rtmp/sessions", request -> {
            String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                    || !codec.isSecret(header.substring(7).trim())) {
                return ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(ApiResponse.error(
                                "UNAUTHORIZED: the RTMP session list needs Authorization: Bearer <cluster secret>"));
            }
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(ApiResponse.ok(sessions.list()));
        }).build();
    }
}
