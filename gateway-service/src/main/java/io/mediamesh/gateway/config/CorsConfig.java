package io.mediamesh.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * One CORS policy for every path (token API, proxied WHIP/WHEP, samples), so a page served from anywhere can publish
 * and play. A web filter rather than the gateway's {@code globalcors}, because the latter covers only proxied routes.
 * Credentials are not allowed: the API authenticates with {@code Authorization: Bearer}, never with cookies, so
 * {@code *} is safe. Duplicates of these headers coming back from a media node are removed by the
 * {@code DedupeResponseHeader} default filter in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

    /** WHIP/WHEP clients must read these: the session URL, the ICE-session ETag of WHIP (RFC 9725) and ICE server links. */
    static final List<String> EXPOSED_HEADERS = List.of("Location", "ETag", "Link");

    @Bean
    CorsWebFilter corsWebFilter() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.addAllowedOrigin(CorsConfiguration.ALL);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match"));
        cors.setExposedHeaders(EXPOSED_HEADERS);
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return new CorsWebFilter(source);
    }
}
