package io.mediamesh.testsupport.chromium;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The test's own web server on 127.0.0.1: it serves the test pages from the classpath and collects what they post.
 *
 * <ul>
 *   <li>{@code GET /<prefix>/<path>} returns the classpath resource {@code <prefix>/<path>}.</li>
 *   <li>{@code POST /result/<key>} appends the body to the list kept under {@code key} and answers 204.</li>
 *   <li>Every answer allows any origin, and {@code OPTIONS} preflights are answered, so a page loaded from
 *       another origin may post here too.</li>
 * </ul>
 *
 * <p>Pages post progress repeatedly under one key; a body whose JSON holds {@code "done":true} is final. Tests
 * either wait for the final body ({@link #await}) or poll progress until a condition holds ({@link #awaitJson}).
 */
public final class ResultServer implements AutoCloseable {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern DONE = Pattern.compile("\"done\"\\s*:\\s*true");
    private static final int MAX_BODIES_PER_KEY = 10_000;
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String resourcePrefix;
    private final ClassLoader classLoader;
    private final Map<String, List<String>> results = new LinkedHashMap<>();

    private ResultServer(HttpServer server, ExecutorService executor, String resourcePrefix, ClassLoader loader) {
        this.server = server;
        this.executor = executor;
        this.resourcePrefix = resourcePrefix;
        this.classLoader = loader;
    }

    /**
     * Starts a server on an ephemeral port of 127.0.0.1 that serves classpath resources under {@code
     * resourcePrefix} (for example {@code "pages"}: {@code /pages/viewer.html} is {@code pages/viewer.html}).
     */
    public static ResultServer start(String resourcePrefix) {
        if (!KEY.matcher(resourcePrefix).matches()) {
            throw new IllegalArgumentException("resource prefix must be one path segment: " + resourcePrefix);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ResultServer.class.getClassLoader();
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "result-server");
                thread.setDaemon(true);
                return thread;
            });
            ResultServer resultServer = new ResultServer(http, executor, resourcePrefix, loader);
            http.createContext("/", resultServer::handle);
            http.setExecutor(executor);
            http.start();
            return resultServer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the result server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, the origin of the served pages. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The address of a page under the resource prefix, with a URL-encoded query in the given order. */
    public URI pageUri(String page, Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(baseUri() + "/" + resourcePrefix + "/" + page + (encoded.isEmpty() ? "" : "?" + encoded));
    }

    /**
     * Waits for the first body under {@code key} whose JSON holds {@code "done":true} and returns it. If the timeout
     * passes first, returns the latest body received, so the caller can assert on it and show it.
     *
     * @throws AssertionError if nothing at all was posted under {@code key} in time
     */
    public String await(String key, Duration timeout) {
        Optional<String> done = awaitFirst(key, timeout, body -> DONE.matcher(body).find());
        if (done.isPresent()) {
            return done.get();
        }
        return latest(key).orElseThrow(() -> new AssertionError(
                "the page posted nothing to /result/" + key + " within " + timeout));
    }

    /**
     * Polls the bodies under {@code key} until one is a JSON object that satisfies {@code condition} and returns it.
     * Bodies already received count, so the condition should describe progress that only grows.
     *
     * @throws AssertionError on timeout, with the last bodies received
     */
    public Json awaitJson(String key, Duration timeout, Predicate<Json> condition) {
        Optional<String> match = awaitFirst(key, timeout,
                body -> Json.isObject(body) && condition.test(Json.parse(body)));
        return Json.parse(match.orElseThrow(() -> new AssertionError(
                "no progress posted to /result/" + key + " met the condition within " + timeout + "; "
                        + describe(key, 5))));
    }

    /**
     * Like {@link #awaitJson}, but only bodies at index {@code fromIndex} or later count; pass {@link #count} to
     * consider only what is posted from now on.
     */
    public Json awaitJsonAfter(String key, int fromIndex, Duration timeout, Predicate<Json> condition) {
        Optional<String> match = awaitFirst(key, fromIndex, timeout,
                body -> Json.isObject(body) && condition.test(Json.parse(body)));
        return Json.parse(match.orElseThrow(() -> new AssertionError(
                "no progress posted to /result/" + key + " after #" + fromIndex + " met the condition within "
                        + timeout + "; " + describe(key, 5))));
    }

    private Optional<String> awaitFirst(String key, Duration timeout, Predicate<String> condition) {
        return awaitFirst(key, 0, timeout, condition);
    }

    private Optional<String> awaitFirst(String key, int fromIndex, Duration timeout, Predicate<String> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = fromIndex;
        synchronized (results) {
            while (true) {
                List<String> bodies = results.getOrDefault(key, List.of());
                for (; checked < bodies.size(); checked++) {
                    if (condition.test(bodies.get(checked))) {
                        return Optional.of(bodies.get(checked));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    results.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** The latest body posted under {@code key}. */
    public Optional<String> latest(String key) {
        synchronized (results) {
            List<String> bodies = results.get(key);
            return bodies == null || bodies.isEmpty() ? Optional.empty() : Optional.of(bodies.get(bodies.size() - 1));
        }
    }

    /** Every body posted under {@code key}, oldest first. */
    public List<String> all(String key) {
        synchronized (results) {
            return List.copyOf(results.getOrDefault(key, List.of()));
        }
    }

    /** How many bodies were posted under {@code key} so far. */
    public int count(String key) {
        synchronized (results) {
            return results.getOrDefault(key, List.of()).size();
        }
    }

    /** Every key that received at least one body. */
    public Set<String> keys() {
        synchronized (results) {
            return new TreeSet<>(results.keySet());
        }
    }

    /** The last {@code last} bodies under {@code key}, one per line, for failure messages. */
    public String describe(String key, int last) {
        List<String> bodies = all(key);
        List<String> tail = bodies.subList(Math.max(0, bodies.size() - last), bodies.size());
        return "last " + tail.size() + " of " + bodies.size() + " posts to /result/" + key
                + (tail.isEmpty() ? "" : ":\n  " + String.join("\n  ", tail));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Access-Control-Allow-Origin", "*");
            headers.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            headers.set("Access-Control-Allow-Headers", "Content-Type");
            headers.set("Cache-Control", "no-store");
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("OPTIONS")) {
                exchange.sendResponseHeaders(204, -1);
            } else if (method.equals("POST") && path.startsWith("/result/")) {
                storeResult(exchange, path.substring("/result/".length()));
            } else if (method.equals("GET") && path.startsWith("/" + resourcePrefix + "/")) {
                serveResource(exchange, path.substring(1));
            } else {
                sendText(exchange, 404, "not found: " + method + " " + path);
            }
        }
    }

    private void storeResult(HttpExchange exchange, String key) throws IOException {
        if (!KEY.matcher(key).matches()) {
            sendText(exchange, 400, "bad result key: " + key);
            return;
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        synchronized (results) {
            List<String> bodies = results.computeIfAbsent(key, k -> new ArrayList<>());
            if (bodies.size() < MAX_BODIES_PER_KEY) {
                bodies.add(body);
            }
            results.notifyAll();
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private void serveResource(HttpExchange exchange, String resource) throws IOException {
        if (resource.contains("..") || resource.contains("//") || resource.endsWith("/")) {
            sendText(exchange, 404, "not found: " + resource);
            return;
        }
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                sendText(exchange, 404, "no classpath resource " + resource);
                return;
            }
            byte[] bytes = in.readAllBytes();
            String extension = resource.substring(resource.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type",
                    CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"));
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
