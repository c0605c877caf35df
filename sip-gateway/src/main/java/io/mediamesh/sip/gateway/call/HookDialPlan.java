package io.mediamesh.sip.gateway.call;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dial plan as an HTTP hook: {@code POST <url>} with {@code {"number":..,"caller":..,"source":..}} answering
 * {@code {"action":"accept","room":"r"}}, {@code {"action":"reject","code":486}} or {@code {"action":"wait"}}.
 * A failing or unreadable hook rejects with 503.
 */
public final class HookDialPlan implements DialPlan {
    private static final Pattern ACTION = Pattern.compile("\"action\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern ROOM = Pattern.compile("\"room\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d{3})");

    private final HttpClient http;
    private final URI url;

    public HookDialPlan(HttpClient http, URI url) {
        this.http = http;
        this.url = url;
    }

    @Override
    public CompletableFuture<DialDecision> decide(String number, String caller, String source) {
        StringBuilder body = new StringBuilder("{");
        CallEvent.field(body, "number", number).append(',');
        CallEvent.field(body, "caller", caller).append(',');
        CallEvent.field(body, "source", source).append('}');
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200 ? parse(response.body())
                        : new DialDecision.Reject(503, "Dial plan hook answered " + response.statusCode()))
                .exceptionally(failure -> new DialDecision.Reject(503, "Dial plan hook unreachable"));
    }

    static DialDecision parse(String body) {
        Matcher action = ACTION.matcher(body);
        if (!action.find()) {
            return new DialDecision.Reject(503, "Dial plan hook gave no action");
        }
        switch (action.group(1)) {
            case "accept" -> {
                Matcher room = ROOM.matcher(body);
                return room.find() ? new DialDecision.Accept(room.group(1))
                        : new DialDecision.Reject(503, "Dial plan hook accepted without a room");
            }
            case "reject" -> {
                Matcher code = CODE.matcher(body);
                int status = code.find() ? Integer.parseInt(code.group(1)) : 403;
                return new DialDecision.Reject(status >= 400 && status < 700 ? status : 403, null);
            }
            case "wait" -> {
                return new DialDecision.Wait();
            }
            default -> {
                return new DialDecision.Reject(503, "Dial plan hook gave action " + action.group(1));
            }
        }
    }

    @Override
    public boolean slow() {
        return true;
    }
}
