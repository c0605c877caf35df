package io.mediamesh.node.config;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for browsers that call a media node directly (the gateway normally answers CORS itself and drops duplicate
 * headers): any origin, no credentials (the bearer token travels in a header), {@code Location} exposed.
 */
@Configuration(proxyBeanMethods = false)
public class CorsConfiguration {

    @Bean
    CorsWebFilter corsWebFilter() {
        org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
        cors.setAllowedOriginPatterns(List.of("*"));
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match"));
        cors.setExposedHeaders(List.of("Location", "ETag", "Link"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/whip/**", cors);
        source.registerCorsConfiguration("/whep/**", cors);
        return new CorsWebFilter(source);
    }
}
