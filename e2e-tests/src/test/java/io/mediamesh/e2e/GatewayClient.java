package io.mediamesh.e2e;

import io.mediamesh.e2e.PlatformProcess.TokenKind;
import io.mediamesh.testsupport.chromium.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gateway's secret-protected APIs as the tests use them: the token API ({@code POST /token/whip|whep}) and the
 * admin API ({@code /api/admin/**}), both authenticated with {@code Authorization: Bearer <secret>}. Every call
 * that does not answer as expected becomes an {@link AssertionError} that shows the status and body.
 */
public final class GatewayClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI gateway;
    private final String secret;

    public GatewayClient(HttpClient http, URI gateway, String secret) {
        this.http = http;
        this.gateway = gateway;
        this.secret = secret;
    }

    /**
     * Asks the token API for a token of {@code kind} for {@code peer} in {@code room}, valid one hour.
     *
     * @throws AssertionError if the API does not answer 200 with {@code {"status":true,"data":{"token":...}}}
     */
    public String token(TokenKind kind, String room, String peer) {
        String body = "{\"room\":" + jsonString(room) + ",\"peer\":" + jsonString(peer) + ",\"ttl\":3600}";
        HttpResponse<String> response = send(authorized(gateway.resolve(kind.path()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200 || !Json.isObject(response.body())) {
            throw new AssertionError("POST " + kind.path() + " " + body + " answered " + response.statusCode() + " "
                    + response.body());
        }
        Json json = Json.parse(response.body());
        if (json.isTrue("status") && json.get("data") instanceof Map<?, ?> data
                && data.get("token") instanceof String token && !token.isEmpty()) {
            return token;
        }
        throw new AssertionError("POST " + kind.path() + " answered without a token: " + response.body());
    }

    /**
     * {@code GET /api/admin/<path>}; returns the whole envelope after checking it says {@code "status":true}.
     *
     * @throws AssertionError on any other status or body
     */
    public Json adminGet(String path) {
        return envelope("GET", path, send(authorized(admin(path)).GET().build()));
    }

    /** {@code DELETE /api/admin/<path>}; returns the envelope after checking it says {@code "status":true}. */
    public Json adminDelete(String path) {
        return envelope("DELETE", path, send(authorized(admin(path)).DELETE().build()));
    }

    /**
     * Waits until the admin API lists media node {@code nodeHex} with at least {@code sessions} sessions in its load
     * (nodes report it with their heartbeat).
     *
     * @throws AssertionError when it does not within {@code timeout}
     */
    public void awaitNodeSessions(String nodeHex, int sessions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Json nodes = adminGet("nodes");
            last = nodes.toString();
            for (Object entry : (List<?>) nodes.get("data")) {
                Map<?, ?> node = (Map<?, ?>) entry;
                if (nodeHex.equals(node.get("id")) && ((Number) ((Map<?, ?>) node.get("load")).get("sessions"))
                        .intValue() >= sessions) {
                    return;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("node " + nodeHex + " did not report " + sessions + " sessions: " + last);
    }

    /** The raw answer of {@code GET /api/admin/<path>}, for callers that need the text (64-bit numbers). */
    public HttpResponse<String> adminGetRaw(String path) {
        return send(authorized(admin(path)).GET().build());
    }

    /** Sends a request; IO errors become assertion failures. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + request.uri(), e);
        }
    }

    /** A request builder for {@code uri} with this cluster's secret as the bearer token and the usual timeout. */
    HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + secret);
    }

    private URI admin(String path) {
        return gateway.resolve("/api/admin/" + path);
    }

    private static Json envelope(String method, String path, HttpResponse<String> response) {
        String what = method + " /api/admin/" + path;
        if (response.statusCode() != 200 || !Json.isObject(response.body())) {
            throw new AssertionError(what + " answered " + response.statusCode() + " " + response.body());
        }
        Json json = Json.parse(response.body());
        if (!json.isTrue("status")) {
            throw new AssertionError(what + " answered a failure envelope: " + response.body());
        }
        return json;
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
