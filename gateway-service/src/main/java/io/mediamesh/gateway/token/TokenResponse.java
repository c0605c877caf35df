package io.mediamesh.gateway.token;

/**
 * The {@code data} of a successful token answer: {@code {"status":true,"data":{"token":"..."}}}.
 *
 * @param token the compact JWT to send as {@code Authorization: Bearer} to {@code /whip/endpoint} or
 *              {@code /whep/endpoint}
 */
public record TokenResponse(String token) {
}
