package io.mediamesh.e2e;

import io.mediamesh.testsupport.chromium.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a started service's {@code /actuator/health} to say UP, failing fast when its process dies. */
final class HealthCheck {
    private HealthCheck() {
    }

    /**
     * @param process the service's process, or null when the test attached to a running platform
     * @param deadlineNanos a {@code System.nanoTime()} value
     * @param logTails what to print when the service never comes up
     */
    static void awaitUp(HttpClient http, String name, Process process, int port, long deadlineNanos,
            Supplier<String> logTails) {
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        String last = "no answer yet";
        while (System.nanoTime() < deadlineNanos) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError(name + " exited with status " + process.exitValue()
                        + " before it was healthy\n" + logTails.get());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && Json.isObject(response.body())
                        && "UP".equals(Json.parse(response.body()).string("status"))) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + name, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + name, e);
            }
        }
        throw new AssertionError(name + " was not UP at " + health + " in time (last: " + last + ")\n"
                + logTails.get());
    }
}
