package io.mediamesh.node.api;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the status and the reason the client gets in the JSON body. */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;

    public ApiException(HttpStatus status, String reason) {
        super(reason);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
