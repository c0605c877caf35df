package io.mediamesh.gateway.admin;

import org.springframework.http.HttpStatus;

/** A refusal of the admin API, answered as {@code status} with {@code CODE: reason} in the JSON envelope. */
final class AdminException extends RuntimeException {

    private final HttpStatus status;

    AdminException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static AdminException notFound(String message) {
        return new AdminException(HttpStatus.NOT_FOUND, message);
    }

    static AdminException nodeFailed(String message) {
        return new AdminException(HttpStatus.BAD_GATEWAY, "MEDIA_NODE_FAILED: " + message);
    }
}
