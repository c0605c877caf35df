package io.mediamesh.sip.gateway.call;

/** Where call events go besides the call's own history (the webhook, tests). Must not block. */
public interface CallEventSink {
    void publish(CallEvent event);

    /** A DTMF digit of a call in {@code room}, from its peer, for the room's message channel. */
    default void dtmf(String room, String peer, char digit, int durationMillis) {
    }
}
