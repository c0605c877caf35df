package io.mediamesh.node.testpeer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP side of WHIP (RFC 9725) and WHEP for a test peer: POST the offer, PATCH trickle ICE fragments (RFC 8840),
 * DELETE the resource. Uses the JDK client so that the peer does not depend on Spring.
 */
public final class PeerHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PeerHttp() {
    }

    /** POSTs {@code body} with an optional bearer token, without interpreting the response. */
    public static HttpResponse<String> post(URI endpoint, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** PATCHes a trickle ICE fragment; returns the status. */
    public static int patch(URI resource, String fragment) {
        return send(HttpRequest.newBuilder(resource).timeout(TIMEOUT)
                .header("Content-Type", "application/trickle-ice-sdpfrag")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(fragment)).build()).statusCode();
    }

    /** DELETEs the resource; returns the status. */
    public static int delete(URI resource) {
        return send(HttpRequest.newBuilder(resource).timeout(TIMEOUT).DELETE().build()).statusCode();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
