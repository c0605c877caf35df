package io.mediamesh.sip.gateway.auth;

/** What the {@link DigestAuthenticator} decided about a request's credentials. */
public sealed interface AuthVerdict {

    /** The credentials are good: {@code user} is authenticated. */
    record Accepted(String user) implements AuthVerdict {
    }

    /** Answer 401 with fresh challenges; {@code stale}: the credentials were right but the nonce had expired. */
    record Challenge(boolean stale) implements AuthVerdict {
    }

    /** Answer 403: too many wrong credentials in a row. */
    record Forbidden(String reason) implements AuthVerdict {
    }
}
