package io.mediamesh.sip.gateway;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.model.cluster.RoomMessage;
import io.mediamesh.sip.gateway.call.CallEvent;
import io.mediamesh.sip.gateway.call.CallEventSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends call events to the webhook (POST JSON, fire and forget) and DTMF digits to the room as messages on label
 * {@code dtmf} from the call's peer ({@code {"digit":"5","durationMillis":120}}). Both leave the SIP loop at once.
 */
final class EventPublisher implements CallEventSink {
    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final HttpClient http;
    private final URI webhook;
    private final ClusterState state;
    private final Executor blocking;

    /** @param webhook null: no webhook */
    EventPublisher(HttpClient http, URI webhook, ClusterState state, Executor blocking) {
        this.http = http;
        this.webhook = webhook;
        this.state = state;
        this.blocking = blocking;
    }

    @Override
    public void publish(CallEvent event) {
        if (webhook == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event.toJson())).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() >= 300) {
                log.warn("webhook {} refused event {} of call {}: {}", webhook, event.event(), event.callId(),
                        failure != null ? failure.toString() : "HTTP " + response.statusCode());
            }
        });
    }

    @Override
    public void dtmf(String room, String peer, char digit, int durationMillis) {
        blocking.execute(() -> {
            try {
                state.publishMessage(new RoomMessage(room, "dtmf", peer,
                        "{\"digit\":\"" + digit + "\",\"durationMillis\":" + durationMillis + "}"));
            } catch (RuntimeException e) {
                log.warn("DTMF {} of {} in {} not published: {}", digit, peer, room, e.toString());
            }
        });
    }
}
