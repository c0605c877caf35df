package io.mediamesh.signaling.web;

import io.mediamesh.signaling.session.SdkSession;
import io.mediamesh.signaling.session.SdkSessionFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The thin adapter between a WebSocket and its {@link SdkSession}: text frames in, one at a time and in order; the
 * session's responses and events out through a buffer any thread may write to; the session closed with the socket.
 * Binary frames are refused with a typed error. A kicked peer's socket is closed with code {@value #KICKED} and the
 * reason, after the frames queued before it.
 */
public final class SdkWebSocketHandler implements WebSocketHandler {
    private static final int MAX_QUEUED = 1024;

    /** The close code of a kicked peer's socket (4000-4999 are the application's, RFC 6455 §7.4.2). */
    public static final int KICKED = 4000;
    /** A close frame's reason must fit in its 125-byte payload with the 2-byte code. */
    private static final int MAX_REASON_BYTES = 123;

    private final SdkSessionFactory sessions;

    public SdkWebSocketHandler(SdkSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Mono<Void> handle(WebSocketSession socket) {
        Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer(
                new java.util.concurrent.ArrayBlockingQueue<>(MAX_QUEUED));
        AtomicReference<String> kicked = new AtomicReference<>();
        SdkSession session = sessions.open(socket.getId(), frame -> {
            synchronized (outgoing) {
                if (outgoing.tryEmitNext(frame) == Sinks.EmitResult.FAIL_OVERFLOW) {
                    // A peer that stops reading is cut off rather than buffering without bound.
                    socket.close().subscribe();
                }
            }
        }, reason -> {
            kicked.set(reason);
            synchronized (outgoing) {
                // What is queued (the kick's event last) is sent, then the socket closes with the reason.
                outgoing.tryEmitComplete();
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
        Mono<Void> output = socket.send(outgoing.asFlux().map(socket::textMessage))
                .then(Mono.defer(() -> kicked.get() == null ? Mono.empty()
                        : socket.close(new CloseStatus(KICKED, truncated(kicked.get())))));
        // However the socket ends (closed by the client, cut, or our send failing), the peer leaves its room.
        return Mono.zip(input, output).then().doFinally(signal -> session.close().subscribe());
    }

    private static String truncated(String reason) {
        String cut = reason;
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
