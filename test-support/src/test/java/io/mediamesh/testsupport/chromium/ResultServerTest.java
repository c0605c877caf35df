package io.mediamesh.testsupport.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ResultServer server;

    @BeforeEach
    void start() {
        server = ResultServer.start("pages");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesClasspathPagesWithQueryAndRejectsOtherPaths() throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("key", "k1");
        query.put("gw", "http://127.0.0.1:8080/x y");
        URI page = server.pageUri("loopback.html", query);

        assertThat(page.toString()).startsWith(server.baseUri() + "/pages/loopback.html?key=k1&gw=http%3A%2F%2F");
        HttpResponse<String> ok = get(page);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(ok.body()).contains("RTCPeerConnection");
        assertThat(get(URI.create(server.baseUri() + "/pages/absent.html")).statusCode()).isEqualTo(404);
        assertThat(get(URI.create(server.baseUri() + "/pages/../pages/loopback.html")).statusCode()).isEqualTo(404);
        assertThat(get(URI.create(server.baseUri() + "/favicon.ico")).statusCode()).isEqualTo(404);
    }

    @Test
    void collectsPostsPerKeyAndAwaitReturnsTheFirstDoneBody() throws Exception {
        CompletableFuture<String> awaited = CompletableFuture.supplyAsync(
                () -> server.await("k", Duration.ofSeconds(10)));
        assertThat(post("k", "{\"n\":1}").statusCode()).isEqualTo(204);
        post("other", "{\"n\":99,\"done\":true}");
        post("k", "{\"n\":2, \"done\" : true}");
        post("k", "{\"n\":3,\"done\":true}");

        assertThat(awaited.get()).isEqualTo("{\"n\":2, \"done\" : true}");
        assertThat(server.all("k")).containsExactly("{\"n\":1}", "{\"n\":2, \"done\" : true}",
                "{\"n\":3,\"done\":true}");
        assertThat(server.latest("k")).hasValue("{\"n\":3,\"done\":true}");
        assertThat(server.count("k")).isEqualTo(3);
        assertThat(server.keys()).containsExactly("k", "other");
    }

    @Test
    void awaitWithoutDoneReturnsTheLatestProgressOrFailsIfNothingCame() throws Exception {
        post("progress", "{\"n\":1}");
        post("progress", "{\"n\":2}");

        assertThat(server.await("progress", Duration.ofMillis(200))).isEqualTo("{\"n\":2}");
        assertThatThrownBy(() -> server.await("silent", Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/result/silent");
    }

    @Test
    void awaitJsonPollsProgressUntilTheConditionHolds() throws Exception {
        CompletableFuture<Json> awaited = CompletableFuture.supplyAsync(
                () -> server.awaitJson("p", Duration.ofSeconds(10), j -> j.number("frames") >= 60));
        post("p", "not json");
        post("p", "{\"frames\":10}");
        Thread.sleep(100);
        assertThat(awaited).isNotDone();
        post("p", "{\"frames\":61}");

        assertThat(awaited.get().number("frames")).isEqualTo(61.0);
        assertThat(server.awaitJsonAfter("p", 2, Duration.ofMillis(100), j -> true).number("frames")).isEqualTo(61.0);
        assertThatThrownBy(() -> server.awaitJsonAfter("p", server.count("p"), Duration.ofMillis(100), j -> true))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> server.awaitJson("p", Duration.ofMillis(100), j -> j.number("frames") > 100))
                .isInstanceOf(AssertionError.class).hasMessageContaining("{\"frames\":61}");
    }

    @Test
    void answersCorsPreflightsAndRejectsBadKeys() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/result/k"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:1")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).get().asString().contains("POST");
        assertThat(post("a%2Fb", "{}").statusCode()).isEqualTo(400);
        assertThat(post("k", "{}").headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/result/" + key))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
