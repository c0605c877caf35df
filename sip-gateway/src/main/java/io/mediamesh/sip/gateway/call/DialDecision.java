package io.mediamesh.sip.gateway.call;

/** What the dial plan says about an incoming call. */
public sealed interface DialDecision {

    /** Put the caller into {@code room}. */
    record Accept(String room) implements DialDecision {
    }

    /** Refuse with {@code code} (4xx-6xx). */
    record Reject(int code, String reason) implements DialDecision {
    }

    /** Keep ringing and ask again a little later. */
    record Wait() implements DialDecision {
    }
}
