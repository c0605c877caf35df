package io.mediamesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The demo pages, the redirects to them, and the operations endpoints. */
class SamplesAndOpsTest extends GatewayTestBase {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/samples/              | MediaMesh samples | index.js",
        "/samples/whip/         | WHIP publisher    | whip.js",
        "/samples/whip/         | Publish           | video/H264",
        "/samples/whep/         | WHEP player       | whep.js",
        "/samples/whep/         | Unmute            | playsinline",
    })
    void pagesAreServedAsHtml(String path, String marker, String otherMarker) {
        client.get().uri(path)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains(marker, otherMarker));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/samples/common.js     | application/sdp",
        "/samples/index.js      | requestToken",
        "/samples/whip/whip.js  | getUserMedia",
        "/samples/whip/whip.js  | sendonly",
        "/samples/whep/whep.js  | recvonly",
        "/samples/style.css     | video",
    })
    void scriptsAndStylesAreServed(String path, String marker) {
        client.get().uri(path)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains(marker));
    }

    @Test
    void scriptsAreServedAsJavaScriptSoBrowsersRunThemAsModules() {
        client.get().uri("/samples/whip/whip.js")
                .exchange()
                .expectHeader().value(HttpHeaders.CONTENT_TYPE, type -> assertThat(type).contains("javascript"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/, /samples/",
        "/samples, /samples/",
        "/samples/whip, /samples/whip/",
        "/samples/whep, /samples/whep/",
    })
    void foldersAndRootRedirect(String path, String target) {
        client.get().uri(path)
                .exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, target);
    }

    @Test
    void healthIsUp() {
        client.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusScrapeWorks() {
        client.get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
    }
}
