package io.mediamesh.sip.gateway.auth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where the passwords of SIP users come from. Thread-safe; may complete on any thread. */
public interface AccountStore {

    /** The password of {@code user}, or empty when there is no such user. */
    CompletableFuture<Optional<String>> password(String user);
}
