package io.mediamesh.sip.gateway.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Accounts from the configuration, falling back to a hook (or nothing) for other users. */
public final class ConfiguredAccounts implements AccountStore {
    private final Map<String, String> passwords;
    private final AccountStore fallback;

    /** @param fallback asked for users not in {@code passwords}; null: none */
    public ConfiguredAccounts(Map<String, String> passwords, AccountStore fallback) {
        this.passwords = Map.copyOf(passwords);
        this.fallback = fallback;
    }

    @Override
    public CompletableFuture<Optional<String>> password(String user) {
        String password = passwords.get(user);
        if (password != null || fallback == null) {
            return CompletableFuture.completedFuture(Optional.ofNullable(password));
        }
        return fallback.password(user);
    }
}
