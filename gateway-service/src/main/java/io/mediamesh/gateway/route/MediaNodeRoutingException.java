package io.mediamesh.gateway.route;

import org.springframework.http.HttpStatus;

/**
 * A request the routing filter refuses before any node sees it (no eligible node, unknown node). It travels up the
 * filter chain as an error, so the response filters (Location, header dedupe) skip it, and {@link
 * MediaNodeErrorFilter} answers it in the JSON envelope.
 */
final class MediaNodeRoutingException extends RuntimeException {

    private final HttpStatus status;

    MediaNodeRoutingException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
