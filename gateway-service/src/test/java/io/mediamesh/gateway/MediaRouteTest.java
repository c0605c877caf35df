package io.mediamesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** WHIP/WHEP signalling goes through the gateway to the media node unchanged, and browsers may call it. */
class MediaRouteTest extends GatewayTestBase {

    private static final String OFFER = "v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n";
    private static final String ORIGIN = "https://app.example";

    @Test
    void whipPostIsForwardedWithBodyAndHeadersAndAnsweredWith201() {
        client.post().uri("/whip/endpoint")
                .header(HttpHeaders.AUTHORIZATION, "Bearer media-token")
                .contentType(MediaType.parseMediaType("application/sdp"))
                .bodyValue(OFFER)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/whip/conn/node1-42")
                .expectHeader().contentType("application/sdp")
                .expectBody(String.class).isEqualTo(FakeMediaNode.ANSWER_SDP);

        FakeMediaNode.Received received = MEDIA_NODE.lastRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/whip/endpoint");
        assertThat(received.body()).isEqualTo(OFFER);
        assertThat(received.headers().getFirst("Authorization")).isEqualTo("Bearer media-token");
        assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/sdp");
        // The media node needs the client's address (atm0s reads X-Forwarded-For first) for GeoIP and logs.
        assertThat(received.headers().getFirst("X-Forwarded-For")).isNotBlank();
    }

    @Test
    void whipPatchIsForwardedAndAnsweredWith204() {
        String fragment = "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdef012345\r\n";

        client.patch().uri("/whip/conn/node1-42")
                .header(HttpHeaders.IF_MATCH, "\"e1\"")
                .contentType(MediaType.parseMediaType("application/trickle-ice-sdpfrag"))
                .bodyValue(fragment)
                .exchange()
                .expectStatus().isNoContent();

        FakeMediaNode.Received received = MEDIA_NODE.lastRequest();
        assertThat(received.method()).isEqualTo("PATCH");
        assertThat(received.path()).isEqualTo("/whip/conn/node1-42");
        assertThat(received.body()).isEqualTo(fragment);
        assertThat(received.headers().getFirst("If-Match")).isEqualTo("\"e1\"");
        assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/trickle-ice-sdpfrag");
    }

    @Test
    void whipDeleteIsForwardedAndAnsweredWithOk() {
        client.delete().uri("/whip/conn/node1-42")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("OK");

        FakeMediaNode.Received received = MEDIA_NODE.lastRequest();
        assertThat(received.method()).isEqualTo("DELETE");
        assertThat(received.path()).isEqualTo("/whip/conn/node1-42");
    }

    @Test
    void absoluteLocationFromNodeBecomesRelative() {
        client.post().uri("/whep/endpoint")
                .contentType(MediaType.parseMediaType("application/sdp"))
                .bodyValue(OFFER)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/whep/conn/node1-43?x=1");

        assertThat(MEDIA_NODE.lastRequest().path()).isEqualTo("/whep/endpoint");
    }

    @Test
    void nodeErrorsPassThrough() {
        client.delete().uri("/whep/conn/unknown")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).isEqualTo("no such session");
    }

    @Test
    void corsPreflightIsAnsweredByTheGateway() {
        client.options().uri("/whip/endpoint")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods)
                        .contains("POST", "PATCH", "DELETE"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers -> assertThat(headers)
                        .containsIgnoringCase("authorization").containsIgnoringCase("content-type"));

        assertThat(MEDIA_NODE.lastRequest()).as("preflight must not reach the node").isNull();
    }

    @Test
    void corsPreflightForPatchWithIfMatchIsAllowed() {
        client.method(HttpMethod.OPTIONS).uri("/whep/conn/node1-43")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "if-match")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, m -> assertThat(m).contains("PATCH"));
    }

    @Test
    void corsPreflightWithUnlistedMethodIsRefused() {
        client.options().uri("/whip/endpoint")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "TRACE")
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void crossOriginPostExposesLocationWithoutDuplicatedCorsHeaders() {
        client.post().uri("/whip/endpoint")
                .header(HttpHeaders.ORIGIN, ORIGIN)
                .contentType(MediaType.parseMediaType("application/sdp"))
                .bodyValue(OFFER)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().values(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, values -> assertThat(values)
                        .as("the node also sends this header").containsExactly("*"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed)
                        .contains("Location", "ETag", "Link"));
    }
}
