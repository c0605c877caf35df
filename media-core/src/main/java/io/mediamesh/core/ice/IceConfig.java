package io.mediamesh.core.ice;

/**
 * Timers of the ICE-lite agent.
 *
 * @param connectTimeoutMicros how long a session may wait for its first nominated check
 * @param consentTimeoutMicros how long a connected session lives without a valid check (RFC 7675 §5.1: 30 s)
 */
public record IceConfig(long connectTimeoutMicros, long consentTimeoutMicros) {
    public IceConfig {
        if (connectTimeoutMicros <= 0 || consentTimeoutMicros <= 0) {
            throw new IllegalArgumentException("ICE timeouts must be positive");
        }
    }

    public static IceConfig defaults() {
        return new IceConfig(30_000_000L, 30_000_000L);
    }
}
