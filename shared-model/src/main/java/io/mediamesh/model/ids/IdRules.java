package io.mediamesh.model.ids;

/** The one rule set for names that clients choose (rooms, peers), so every service refuses the same values. */
final class IdRules {

    /** Long enough for UUIDs and readable names, short enough to keep logs, metrics labels and keys bounded. */
    static final int MAX_LENGTH = 128;

    private IdRules() {
    }

    /** Returns {@code value} if it is non-blank, at most {@link #MAX_LENGTH} chars and free of control characters. */
    static String check(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_LENGTH + " characters");
        }
        // Control characters would let a client forge log lines or break header and key formats downstream.
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters");
        }
        return value;
    }
}
