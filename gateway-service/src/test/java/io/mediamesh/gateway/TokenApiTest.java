package io.mediamesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.jayway.jsonpath.JsonPath;
import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

class TokenApiTest extends GatewayTestBase {

    private final TokenCodec codec = new TokenCodec(SECRET);

    @Test
    void whipTokenCarriesRoomPeerExtraDataAndTtl() {
        String json = post("/token/whip", "Bearer " + SECRET,
                "{\"room\":\"demo\",\"peer\":\"alice\",\"ttl\":600,\"extra_data\":\"vip\",\"record\":true}")
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat((Boolean) JsonPath.read(json, "$.status")).isTrue();
        assertThat(json).doesNotContain("\"error\"");
        TokenClaims claims = codec.verify(JsonPath.read(json, "$.data.token"), TokenKind.WHIP, Instant.now());
        assertThat(claims.room()).isEqualTo("demo");
        assertThat(claims.peer()).isEqualTo("alice");
        assertThat(claims.extraData()).isEqualTo("vip");
        assertThat(claims.expiresAt()).isCloseTo(Instant.now().plusSeconds(600), within(5, ChronoUnit.SECONDS));
    }

    @Test
    void whepTokenNeedsNoPeerAndIsOnlyValidForWhep() {
        String json = post("/token/whep", "bearer " + SECRET, "{\"room\":\"demo\",\"ttl\":60}")
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        String token = JsonPath.read(json, "$.data.token");
        TokenClaims claims = codec.verify(token, TokenKind.WHEP, Instant.now());
        assertThat(claims.peer()).isNull();
        assertThat(claims.extraData()).isNull();
        assertThat(claims.kind()).isEqualTo(TokenKind.WHEP);
    }

    @Test
    void missingAuthorizationIs401() {
        client.post().uri("/token/whip").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"room\":\"demo\",\"peer\":\"a\",\"ttl\":60}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.status").isEqualTo(false)
                .jsonPath("$.error").value(error -> assertThat((String) error).startsWith("APP_TOKEN_MISSING"))
                .jsonPath("$.data").doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Bearer wrong-secret",
        "Bearer " + SECRET + "x",
        "Bearer ",
        "Basic " + SECRET,
        SECRET,
    })
    void wrongCredentialIs401(String authorization) {
        post("/token/whep", authorization, "{\"room\":\"demo\",\"ttl\":60}")
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.status").isEqualTo(false)
                .jsonPath("$.error").value(error -> assertThat((String) error).startsWith("APP_TOKEN_"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "/token/whip | {\"peer\":\"a\",\"ttl\":60}                          | room is required",
        "/token/whip | {\"room\":\"\",\"peer\":\"a\",\"ttl\":60}            | room must not be blank",
        "/token/whip | {\"room\":\"r\\u0000\",\"peer\":\"a\",\"ttl\":60}   | room must not contain control characters",
        "/token/whip | {\"room\":\"r\",\"ttl\":60}                          | peer is required for whip tokens",
        "/token/whip | {\"room\":\"r\",\"peer\":\"a\"}                      | ttl (seconds) is required",
        "/token/whip | {\"room\":\"r\",\"peer\":\"a\",\"ttl\":0}            | ttl must be between 1 and 604800 seconds",
        "/token/whep | {\"room\":\"r\",\"ttl\":-5}                          | ttl must be between 1 and 604800 seconds",
        "/token/whep | {\"room\":\"r\",\"ttl\":604801}                      | ttl must be between 1 and 604800 seconds",
        "/token/whep | {\"room\":\"r\",\"ttl\":\"soon\"}                    | INVALID_REQUEST",
        "/token/whep | {\"room\":\"r\",                                    | INVALID_REQUEST",
        "/token/whep | not json                                             | INVALID_REQUEST",
        "/token/whep | []                                                   | INVALID_REQUEST",
    })
    void invalidBodyIs400WithReason(String path, String body, String reason) {
        post(path, "Bearer " + SECRET, body)
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.status").isEqualTo(false)
                .jsonPath("$.error").value(error -> assertThat((String) error)
                        .startsWith("INVALID_REQUEST: ").contains(reason));
    }

    @Test
    void emptyBodyIs400() {
        client.post().uri("/token/whip").header(HttpHeaders.AUTHORIZATION, "Bearer " + SECRET)
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("INVALID_REQUEST: a JSON body is required");
    }

    @Test
    void oversizedExtraDataIs400() {
        String body = "{\"room\":\"r\",\"ttl\":60,\"extra_data\":\"" + "x".repeat(4097) + "\"}";

        post("/token/whep", "Bearer " + SECRET, body)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error).contains("extra_data"));
    }

    @Test
    void secretIsCheckedBeforeTheBody() {
        post("/token/whip", "Bearer nope", "not json").expectStatus().isUnauthorized();
    }

    private ResponseSpec post(String path, String authorization, String body) {
        return client.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
