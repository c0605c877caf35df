package io.mediamesh.sip.gateway.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords from an HTTP hook: {@code GET <url>?user=<user>} answering 200 {@code {"password":"..."}}, or 404 for no
 * such user. Any other answer or a failure counts as no such user (the REGISTER is challenged again, never let in).
 */
public final class HookAccounts implements AccountStore {
    private static final Pattern PASSWORD = Pattern.compile("\"password\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http;
    private final URI url;

    public HookAccounts(HttpClient http, URI url) {
        this.http = http;
        this.url = url;
    }

    @Override
    public CompletableFuture<Optional<String>> password(String user) {
        String separator = url.getRawQuery() == null ? "?" : "&";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + separator + "user="
                + URLEncoder.encode(user, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(3)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200 ? parse(response.body()) : Optional.<String>empty())
                .exceptionally(failure -> Optional.empty());
    }

    static Optional<String> parse(String body) {
        Matcher m = PASSWORD.matcher(body);
        return m.find() ? Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
    }
}
