package io.mediamesh.testsupport.chromium;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Chrome DevTools Protocol session over a WebSocket of the JDK ({@code java.net.http.WebSocket}): commands
 * are {@code {"id":n,"method":...,"params":{...}}}, answers carry the same id, and events carry a method and no id.
 *
 * <p>Threads: commands may be sent from any thread (sends are serialised); answers and events arrive on the
 * HTTP client's threads, complete the matching futures and are handed to the event consumer there.
 */
final class DevToolsConnection implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<EventWaiter> waiters = new CopyOnWriteArrayList<>();
    private final Consumer<Map<String, Object>> eventConsumer;
    private volatile WebSocket socket;
    private volatile String closedBecause;

    private record EventWaiter(String method, CompletableFuture<Map<String, Object>> future) {
    }

    private DevToolsConnection(Consumer<Map<String, Object>> eventConsumer) {
        this.eventConsumer = eventConsumer;
    }

    /** Connects to a target's {@code webSocketDebuggerUrl}; every event is also passed to {@code eventConsumer}. */
    static DevToolsConnection open(URI webSocketUrl, Duration timeout, Consumer<Map<String, Object>> eventConsumer) {
        DevToolsConnection connection = new DevToolsConnection(eventConsumer);
        try {
            connection.socket = connection.http.newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(webSocketUrl, connection.new Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + webSocketUrl, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open the DevTools WebSocket " + webSocketUrl + ": " + e, e);
        }
    }

    /**
     * Sends one command and waits for its answer's {@code result} object.
     *
     * @throws IllegalStateException if the browser answers with an error, the socket closes, or time runs out
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(String method, Map<String, ?> params, Duration timeout) {
        int id = nextId.getAndIncrement();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String request = "{\"id\":" + id + ",\"method\":" + JsonWriter.write(method) + ",\"params\":"
                + JsonWriter.write(params) + "}";
        try {
            send(request);
            Map<String, Object> message = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message.get("error") instanceof Map<?, ?> error) {
                throw new IllegalStateException(method + " failed: " + error.get("message")
                        + (error.containsKey("data") ? " (" + error.get("data") + ")" : ""));
            }
            return message.get("result") instanceof Map<?, ?> result ? (Map<String, Object>) result : Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + method, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + timeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    /**
     * A future completed by the next event named {@code method} (its {@code params}). Register it before sending the
     * command that causes the event, so the event cannot slip past.
     */
    CompletableFuture<Map<String, Object>> nextEvent(String method) {
        CompletableFuture<Map<String, Object>> future = new CompletableFuture<>();
        EventWaiter waiter = new EventWaiter(method, future);
        waiters.add(waiter);
        future.whenComplete((params, failure) -> waiters.remove(waiter));
        if (closedBecause != null) {
            future.completeExceptionally(new IllegalStateException(closedBecause));
        }
        return future;
    }

    private synchronized void send(String text) throws InterruptedException, ExecutionException {
        if (closedBecause != null) {
            throw new ExecutionException(new IllegalStateException(closedBecause));
        }
        // A WebSocket allows one outstanding send, so each send completes before the next starts.
        socket.sendText(text, true).get();
    }

    @SuppressWarnings("unchecked")
    private void dispatch(String text) {
        Object parsed = Json.parseValue(text);
        if (!(parsed instanceof Map<?, ?> map)) {
            return;
        }
        Map<String, Object> message = (Map<String, Object>) map;
        if (message.get("id") instanceof Double id) {
            CompletableFuture<Map<String, Object>> answer = pending.get(id.intValue());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        if (message.get("method") instanceof String method) {
            Map<String, Object> params = message.get("params") instanceof Map<?, ?> p
                    ? (Map<String, Object>) p : Map.of();
            for (EventWaiter waiter : waiters) {
                if (waiter.method().equals(method)) {
                    waiter.future().complete(params);
                }
            }
            eventConsumer.accept(message);
        }
    }

    private void failEverything(String reason) {
        closedBecause = reason;
        IllegalStateException failure = new IllegalStateException(reason);
        pending.values().forEach(future -> future.completeExceptionally(failure));
        waiters.forEach(waiter -> waiter.future().completeExceptionally(failure));
    }

    @Override
    public void close() {
        if (closedBecause == null) {
            failEverything("the DevTools connection was closed");
        }
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    /** Reassembles fragmented text messages; the protocol sends no binary ones. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                try {
                    dispatch(message);
                } catch (IllegalArgumentException malformed) {
                    // Chromium sends well-formed JSON; should it not, that message answers nothing we wait for.
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failEverything("the browser closed the DevTools connection (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failEverything("the DevTools connection failed: " + error);
        }
    }
}
