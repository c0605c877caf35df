package io.mediamesh.testsupport.chromium;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol, so a test can use a page the way a person does
 * (navigate, fill fields, click buttons) and read what the page exposes, with no page written for the test.
 *
 * <p>The browser is a {@link ChromiumBrowser} (same flags, same clean-up) started on {@code about:blank} with
 * {@code --remote-debugging-port=0}; Chromium writes the port it picked to {@code DevToolsActivePort} in the profile
 * directory, the page target's WebSocket is found through {@code /json/list}, and commands go over the JDK's
 * WebSocket client. Expressions run in the page's main world with {@code awaitPromise} and {@code returnByValue},
 * so a promise is awaited and the result arrives as plain JSON values: {@code Map}, {@code List}, {@code Double},
 * {@code String}, {@code Boolean} or {@code null}.
 *
 * <p>Threads: meant for one test thread. Console messages and uncaught exceptions of the page are kept (the last
 * {@value #CONSOLE_LINES}) for failure messages.
 */
public final class ChromiumDevTools implements AutoCloseable {
    /** How long one command may take unless the caller says otherwise. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int CONSOLE_LINES = 200;

    private final ChromiumBrowser browser;
    private final Deque<String> console = new ArrayDeque<>();
    private DevToolsConnection connection;

    private ChromiumDevTools(ChromiumBrowser browser) {
        this.browser = browser;
    }

    /**
     * Starts Chromium on {@code about:blank} with the standard flags and connects to its page.
     *
     * @throws IllegalStateException if there is no Chromium, or it exposes no page within 20 s (with its log tail)
     */
    public static ChromiumDevTools launch(Path logDir) {
        return launch(logDir, List.of());
    }

    /** Like {@link #launch(Path)}, with extra command-line flags after the standard ones. */
    public static ChromiumDevTools launch(Path logDir, List<String> extraFlags) {
        List<String> flags = new ArrayList<>(extraFlags);
        flags.add("--remote-debugging-port=0");
        ChromiumBrowser browser = ChromiumBrowser.launch(URI.create("about:blank"), logDir, flags);
        ChromiumDevTools devTools = new ChromiumDevTools(browser);
        try {
            devTools.connect();
            return devTools;
        } catch (RuntimeException | Error e) {
            devTools.close();
            throw e;
        }
    }

    private void connect() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        int port = awaitDebuggingPort(deadline);
        URI webSocket = awaitPageTarget(port, deadline);
        connection = DevToolsConnection.open(webSocket, Duration.ofSeconds(10), this::onEvent);
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
    }

    /**
     * Chromium writes the port it bound, then the browser target's path, to {@code DevToolsActivePort}; the file
     * counts once both lines are there, so a half-written port is never read.
     */
    private int awaitDebuggingPort(long deadline) {
        Path portFile = browser.profileDir().resolve("DevToolsActivePort");
        while (true) {
            try {
                List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && lines.get(0).matches("\\d{1,5}")) {
                    return Integer.parseInt(lines.get(0));
                }
            } catch (IOException notWrittenYet) {
                // Chromium writes the file once its DevTools server listens.
            }
            pauseBeforeRetry(deadline, "a DevTools port in " + portFile);
        }
    }

    private URI awaitPageTarget(int port, long deadline) {
        URI list = URI.create("http://127.0.0.1:" + port + "/json/list");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String last = "no answer";
        while (true) {
            try {
                String body = http.send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                last = body;
                if (Json.parseValue(body) instanceof List<?> targets) {
                    for (Object target : targets) {
                        if (target instanceof Map<?, ?> t && "page".equals(t.get("type"))
                                && t.get("webSocketDebuggerUrl") instanceof String url) {
                            return URI.create(url);
                        }
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking for the page target", e);
            }
            pauseBeforeRetry(deadline, "page target at " + list + " (last answer: " + last + ")");
        }
    }

    private void pauseBeforeRetry(long deadline, String waitingFor) {
        if (!browser.isAlive()) {
            throw new IllegalStateException("Chromium exited while waiting for " + waitingFor + "\n"
                    + browser.logTail(30));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Chromium gave no " + waitingFor + " within " + STARTUP_TIMEOUT + "\n"
                    + browser.logTail(30));
        }
        sleep(POLL_INTERVAL.toMillis());
    }

    /**
     * Sends any DevTools command and returns its {@code result}.
     *
     * @throws IllegalStateException if Chromium answers with an error or not within {@link #COMMAND_TIMEOUT}
     */
    public Map<String, Object> call(String method, Map<String, ?> params) {
        return connection.call(method, params, COMMAND_TIMEOUT);
    }

    /**
     * Loads {@code page} and waits for its load event (module scripts have run by then). A URL that differs from the
     * current one only by its fragment is a same-document navigation with no load event; it returns at once.
     *
     * @throws IllegalStateException if the page cannot be loaded (the message has Chromium's net error)
     */
    public void navigate(URI page) {
        evaluate("window.__mmOldDocument = true");
        CompletableFuture<Map<String, Object>> loaded = connection.nextEvent("Page.loadEventFired");
        try {
            Map<String, Object> result = call("Page.navigate", Map.of("url", page.toString()));
            if (result.get("errorText") instanceof String error && !error.isEmpty()) {
                throw new IllegalStateException("cannot load " + page + ": " + error);
            }
            if (result.containsKey("loaderId")) {
                loaded.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            // A load event of the page before (the first about:blank, say) can arrive after the navigation started:
            // the navigation counts as done once a new document (without the old one's mark) has finished loading.
            long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
            while (!Boolean.TRUE.equals(evaluate("document.readyState === 'complete' && !window.__mmOldDocument"))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("still the old document or loading: " + evaluate("location.href"));
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + page, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(page + " did not finish loading: " + e + "\n" + diagnostics(), e);
        } finally {
            loaded.cancel(false);
        }
    }

    /**
     * Evaluates a JavaScript expression in the page; a promise is awaited. Returns the JSON value of the result.
     *
     * @throws IllegalStateException if the expression throws or its promise rejects (with the JavaScript error)
     */
    public Object evaluate(String expression) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("expression", expression);
        params.put("awaitPromise", true);
        params.put("returnByValue", true);
        Map<String, Object> result = call("Runtime.evaluate", params);
        if (result.get("exceptionDetails") instanceof Map<?, ?> details) {
            throw new IllegalStateException("JavaScript error in `" + abbreviate(expression) + "`: "
                    + describeException(details));
        }
        return result.get("result") instanceof Map<?, ?> remote ? remote.get("value") : null;
    }

    /**
     * Evaluates an expression whose (awaited) value is an object and returns it as {@link Json}.
     *
     * @throws IllegalStateException if the expression throws, or its value is not an object
     */
    public Json evaluateJson(String expression) {
        Object text = evaluate("(async () => JSON.stringify(await (" + expression + ")))()");
        if (!(text instanceof String json) || !Json.isObject(json)) {
            throw new IllegalStateException("`" + abbreviate(expression) + "` is not an object: " + text);
        }
        return Json.parse(json);
    }

    /**
     * Clicks the element {@code selector} names, as {@code element.click()} does (a real click event, no mouse).
     *
     * @throws IllegalStateException if there is no such element or it is disabled
     */
    public void click(String selector) {
        evaluate("(() => { const el = document.querySelector(" + JsonWriter.write(selector) + ");"
                + " if (!el) throw new Error('no element matches ' + " + JsonWriter.write(selector) + ");"
                + " if (el.disabled) throw new Error(" + JsonWriter.write(selector + " is disabled") + ");"
                + " el.click(); })()");
    }

    /**
     * Types {@code value} into the input {@code selector} names: sets it and fires {@code input} and {@code change}.
     *
     * @throws IllegalStateException if there is no such element
     */
    public void fill(String selector, String value) {
        evaluate("(() => { const el = document.querySelector(" + JsonWriter.write(selector) + ");"
                + " if (!el) throw new Error('no element matches ' + " + JsonWriter.write(selector) + ");"
                + " el.value = " + JsonWriter.write(value) + ";"
                + " el.dispatchEvent(new Event('input', { bubbles: true }));"
                + " el.dispatchEvent(new Event('change', { bubbles: true })); })()");
    }

    /**
     * Evaluates {@code expression} (an object) every 100 ms until {@code condition} holds, and returns that value.
     * JavaScript errors count as "not yet" (the page may still be setting up), and are reported on timeout.
     *
     * @throws AssertionError on timeout, with the last value or error, the page console and the browser log tail
     */
    public Json awaitJson(String expression, Duration timeout, Predicate<Json> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing evaluated";
        while (true) {
            try {
                Json value = evaluateJson(expression);
                if (condition.test(value)) {
                    return value;
                }
                last = value.toString();
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline || !browser.isAlive()) {
                throw new AssertionError("`" + abbreviate(expression) + "` did not meet the condition within "
                        + timeout + "; last: " + last + "\n" + diagnostics());
            }
            sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Like {@link #awaitJson}, for an expression (or promise) that becomes {@code true}. */
    public void awaitTrue(String expression, Duration timeout) {
        awaitJson("({ value: (await (" + expression + ")) === true })", timeout, json -> json.isTrue("value"));
    }

    /** The page's console messages and uncaught exceptions so far, oldest first, as "level: text". */
    public List<String> consoleMessages() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    /** The page console and the browser log tail, for failure messages. */
    public String diagnostics() {
        return "---- page console ----\n" + String.join("\n", consoleMessages()) + "\n" + browser.logTail(20);
    }

    public ChromiumBrowser browser() {
        return browser;
    }

    /**
     * Asks Chromium to quit, which ends its renderers and helpers in order, then closes the connection and kills
     * whatever is left of the process tree (see {@link ChromiumBrowser#close()}). Safe to call twice.
     */
    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.call("Browser.close", Map.of(), Duration.ofSeconds(2));
            } catch (IllegalStateException alreadyGoneOrStuck) {
                // The socket drops as the browser exits, or the browser is hung: either way it is killed below.
            }
            awaitBrowserExit(Duration.ofSeconds(3));
            connection.close();
        }
        browser.close();
    }

    private void awaitBrowserExit(Duration timeout) {
        ProcessHandle.of(browser.pid()).ifPresent(handle -> {
            try {
                handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException stillRunning) {
                // ChromiumBrowser.close() kills it.
            }
        });
    }

    private void onEvent(Map<String, Object> message) {
        Object method = message.get("method");
        if (!(message.get("params") instanceof Map<?, ?> params)) {
            return;
        }
        String line;
        if ("Runtime.consoleAPICalled".equals(method) && params.get("args") instanceof List<?> args) {
            List<String> texts = new ArrayList<>();
            for (Object arg : args) {
                if (arg instanceof Map<?, ?> remote) {
                    Object shown = remote.containsKey("value") ? remote.get("value") : remote.get("description");
                    texts.add(shown instanceof Double d && d == Math.rint(d) && !d.isInfinite()
                            ? Long.toString(d.longValue()) : String.valueOf(shown));
                }
            }
            line = params.get("type") + ": " + String.join(" ", texts);
        } else if ("Runtime.exceptionThrown".equals(method)
                && params.get("exceptionDetails") instanceof Map<?, ?> details) {
            line = "uncaught: " + describeException(details);
        } else {
            return;
        }
        synchronized (console) {
            console.addLast(line);
            if (console.size() > CONSOLE_LINES) {
                console.removeFirst();
            }
        }
    }

    private static String describeException(Map<?, ?> details) {
        if (details.get("exception") instanceof Map<?, ?> exception && exception.get("description") != null) {
            return String.valueOf(exception.get("description"));
        }
        return String.valueOf(details.get("text"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
