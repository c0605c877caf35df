package io.mediamesh.signaling.web;

import io.mediamesh.signaling.session.SdkSession;
import io.mediamesh.signaling.session.SdkSessionFactory;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The thin adapter between a WebSocket and its {@link SdkSession}: text frames in, one at a time and in order; the
 * session's responses and events out through a buffer any thread may write to; the session closed with the socket.
 * Binary frames are refused with a typed error.
 */
public final class SdkWebSocketHandler implements WebSocketHandler {
    private static final int MAX_QUEUED = 1024;

    private final SdkSessionFactory sessions;

    public SdkWebSocketHandler(SdkSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer(
                new java.util.concurrent.ArrayBlockingQueue<>(MAX_QUEUED));
        SdkSession session = sessions.open(socket.getId(), frame -> {
            synchronized (outgoing) {
                if (outgoing.tryEmitNext(frame).isFailure()) {
                    // A peer that stops reading is cut off rather than buffering without bound.
                    socket.close().subscribe();
                }
            }
        });
        Mono<Void> input = socket.receive()
                .concatMap(message -> message.getType() == WebSocketMessage.Type.TEXT
                        ? session.onText(message.getPayloadAsText())
                        : Mono.fromRunnable(() -> outgoing.tryEmitNext(sessions.messages().error(-1,
                                io.mediamesh.signaling.protocol.SdkError.BAD_MESSAGE, "binary frames are not used"))))
                .then()
                .onErrorResume(e -> Mono.empty())
                .doFinally(signal -> outgoing.tryEmitComplete());
        Mono<Void> output = socket.send(outgoing.asFlux().map(socket::textMessage));
        // However the socket ends (closed by the client, cut, or our send failing), the peer leaves its room.
        return Mono.zip(input, output).then().doFinally(signal -> session.close().subscribe());
    }
}
