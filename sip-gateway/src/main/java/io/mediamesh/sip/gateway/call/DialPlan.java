package io.mediamesh.sip.gateway.call;

import java.util.concurrent.CompletableFuture;

/** Decides which room a dialled number leads to. Thread-safe; may complete on any thread. */
public interface DialPlan {

    /**
     * @param number the dialled number (Request-URI user part)
     * @param caller the caller's user part (From)
     * @param source the caller's address
     */
    CompletableFuture<DialDecision> decide(String number, String caller, String source);

    /** Whether decisions may take a while (a hook): then the caller hears 180 Ringing meanwhile. */
    default boolean slow() {
        return false;
    }
}
