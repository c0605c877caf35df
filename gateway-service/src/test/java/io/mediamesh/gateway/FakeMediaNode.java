package io.mediamesh.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for a media node's WHIP/WHEP HTTP API on a random loopback port. It records the last request and
 * answers like atm0s: 201 + Location + SDP for POST endpoints, 204 for PATCH, 200 "OK" for DELETE. It also sends
 * its own CORS header, as a real node might, so tests can check that the gateway does not duplicate it.
 */
final class FakeMediaNode {

    static final String ANSWER_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    /** What the node received. */
    record Received(String method, String path, Headers headers, String body) {
    }

    /** An offer with this body is refused with 400 and {@link #REFUSAL}, to check that errors pass through. */
    static final String REFUSED_OFFER = "refuse me";
    static final String REFUSAL = "{\"status\":false,\"error\":\"INVALID_SDP: refused by the fake\"}";
    /** The ETag every POST answer carries (RFC 9725 ICE session tag). */
    static final String ETAG = "\"ice-session-1\"";

    private final HttpServer server;
    private final AtomicReference<Received> last = new AtomicReference<>();
    private final String clusterId;
    private volatile int internalStatus = 200;

    FakeMediaNode() throws IOException {
        this(null);
    }

    /**
     * A node that speaks for {@code nodeId}: its POST answers name {@code /whip/conn/whip-<node hex>-<random>}, the
     * cluster id format, so PATCH and DELETE on that Location can be routed by any gateway.
     */
    FakeMediaNode(Integer nodeId) throws IOException {
        clusterId = nodeId == null ? null : "-" + io.mediamesh.model.cluster.NodeIds.hex(nodeId)
                + "-0123456789abcdef0123456789abcdef";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Received lastRequest() {
        return last.getAndSet(null);
    }

    /** The status the internal API ({@code /internal/**}) answers with from now on. */
    void internalStatus(int status) {
        internalStatus = status;
    }

    /** Stops the server: the port then refuses connections. */
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        last.set(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
        Headers out = exchange.getResponseHeaders();
        out.add("Access-Control-Allow-Origin", "*");
        if ("POST".equals(exchange.getRequestMethod()) && REFUSED_OFFER.equals(body)) {
            out.add("Content-Type", "application/json");
            byte[] json = REFUSAL.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, json.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(json);
            }
            return;
        }
        if (clusterId != null && "POST".equals(exchange.getRequestMethod()) && path.matches("/wh[ie]p/endpoint")) {
            String family = path.substring(1, 5);
            out.add("ETag", ETAG);
            respond(exchange, 201, "/" + family + "/conn/" + family + clusterId, ANSWER_SDP);
            return;
        }
        switch (exchange.getRequestMethod() + " " + path) {
            case "POST /whip/endpoint" -> respond(exchange, 201, "/whip/conn/node1-42", ANSWER_SDP);
            // This node names itself absolutely, which a browser behind the gateway could not reach.
            case "POST /whep/endpoint" -> respond(exchange, 201, baseUrl() + "/whep/conn/node1-43?x=1", ANSWER_SDP);
            case "PATCH /whip/conn/node1-42" -> respond(exchange, 204, null, null);
            case "DELETE /whip/conn/node1-42", "DELETE /whep/conn/node1-43" -> respond(exchange, 200, null, "OK");
            default -> respondToClusterPaths(exchange, path);
        }
    }

    /** Cluster-format ids ({@code whip-<node>-<random>}) and the internal API used by the gateway's admin API. */
    private void respondToClusterPaths(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.matches("/wh[ie]p/conn/wh[ie]p-[0-9a-f]{8}-[0-9a-f]{32}")) {
            respond(exchange, "PATCH".equals(method) ? 204 : 200, null, "PATCH".equals(method) ? null : "OK");
        } else if (path.startsWith("/internal/")) {
            if (internalStatus != 200) {
                respond(exchange, internalStatus, null, "internal failure");
            } else if ("GET".equals(method) && path.equals("/internal/overlay")) {
                byte[] json = ("{\"links\":[],\"node\":\"" + baseUrl() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, json.length);
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(json);
                }
            } else {
                respond(exchange, 200, null, "OK");
            }
        } else {
            respond(exchange, 404, null, "no such session");
        }
    }

    private static void respond(HttpExchange exchange, int status, String location, String body) throws IOException {
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
            exchange.getResponseHeaders().add("Content-Type", "application/sdp");
        } else if (body != null) {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }
}
