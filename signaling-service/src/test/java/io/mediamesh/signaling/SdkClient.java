package io.mediamesh.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test client of {@code /sdk/ws} on the JDK's WebSocket: sends requests, sorts responses from events. */
final class SdkClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seenEvents = new ArrayList<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private int nextId = 1;

    SdkClient(int port) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/sdk/ws"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            JsonNode message = JSON.readTree(partial.toString());
                            partial.setLength(0);
                            ("event".equals(message.path("type").asString()) ? events : responses).add(message);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode + " " + reason);
                        return null;
                    }
                }).join();
    }

    /** Sends a raw frame and returns the next response. */
    JsonNode raw(String text) {
        socket.sendText(text, true).join();
        return next(responses, "a response to " + text);
    }

    /** Sends {@code {"v":1,"id":n,"type":type, fields...}} and returns its response (checked to carry our id). */
    JsonNode request(String type, String fieldsJson) {
        int id = nextId++;
        String body = "{\"v\":1,\"id\":" + id + ",\"type\":\"" + type + "\"" + (fieldsJson.isEmpty() ? "" : ","
                + fieldsJson) + "}";
        JsonNode response = raw(body);
        if (response.path("id").asInt() != id) {
            throw new AssertionError("response " + response + " is not for request " + id);
        }
        return response;
    }

    /** The data of a successful response, failing with the error otherwise. */
    JsonNode ok(String type, String fieldsJson) {
        JsonNode response = request(type, fieldsJson);
        if (!response.path("ok").asBoolean()) {
            throw new AssertionError(type + " refused: " + response);
        }
        return response.path("data");
    }

    /** The error code of a refused request. */
    String error(String type, String fieldsJson) {
        JsonNode response = request(type, fieldsJson);
        if (response.path("ok").asBoolean()) {
            throw new AssertionError(type + " was accepted: " + response);
        }
        return response.path("error").path("code").asString();
    }

    /** The next event named {@code name} (others are kept in {@link #seen()}). */
    JsonNode event(String name) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = poll(events, deadline - System.nanoTime());
            if (event == null) {
                break;
            }
            seenEvents.add(event);
            if (name.equals(event.path("event").asString())) {
                return event.path("data");
            }
        }
        throw new AssertionError("no " + name + " event; saw " + seenEvents);
    }

    /** Events received so far that no {@link #event} call took, after waiting {@code millis}. */
    List<JsonNode> drain(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<JsonNode> rest = new ArrayList<>();
        events.drainTo(rest);
        return rest;
    }

    /** The server's close frame as "code reason", waiting for it. */
    String closedBy() {
        return closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    List<JsonNode> seen() {
        return seenEvents;
    }

    private static JsonNode next(BlockingQueue<JsonNode> queue, String what) {
        JsonNode message = poll(queue, WAIT.toNanos());
        if (message == null) {
            throw new AssertionError("no " + what + " within " + WAIT);
        }
        return message;
    }

    private static JsonNode poll(BlockingQueue<JsonNode> queue, long nanos) {
        try {
            return queue.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }
}
