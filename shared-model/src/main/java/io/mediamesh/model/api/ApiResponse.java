package io.mediamesh.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON envelope of every JSON answer of the HTTP API: {@code {"status":true,"data":...}} on success and
 * {@code {"status":false,"error":"..."}} on failure, the shape atm0s clients already parse. Null fields are left out.
 *
 * @param status whether the request succeeded
 * @param error  a short machine-readable reason with a human hint; null on success
 * @param data   the payload; null on failure
 * @param <T>    the payload type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean status, String error, T data) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, null, data);
    }

    public static <T> ApiResponse<T> error(String error) {
        return new ApiResponse<>(false, error, null);
    }
}
