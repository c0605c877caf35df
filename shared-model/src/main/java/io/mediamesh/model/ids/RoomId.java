package io.mediamesh.model.ids;

/**
 * The name of a room, chosen by the application that issues tokens.
 *
 * @param value non-blank, at most 128 characters, no control characters
 */
public record RoomId(String value) {

    public RoomId {
        IdRules.check("room", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
