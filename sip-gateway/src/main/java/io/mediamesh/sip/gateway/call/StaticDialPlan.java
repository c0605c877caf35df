package io.mediamesh.sip.gateway.call;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Number → room from the configuration; other numbers go to {@code fallback}, or are refused 404 without one. */
public final class StaticDialPlan implements DialPlan {
    private final Map<String, String> rooms;
    private final DialPlan fallback;

    public StaticDialPlan(Map<String, String> rooms, DialPlan fallback) {
        this.rooms = Map.copyOf(rooms);
        this.fallback = fallback;
    }

    @Override
    public CompletableFuture<DialDecision> decide(String number, String caller, String source) {
        String room = rooms.get(number);
        if (room != null) {
            return CompletableFuture.completedFuture(new DialDecision.Accept(room));
        }
        if (fallback != null) {
            return fallback.decide(number, caller, source);
        }
        return CompletableFuture.completedFuture(new DialDecision.Reject(404, "No room for " + number));
    }

    @Override
    public boolean slow() {
        return fallback != null && fallback.slow();
    }
}
