package io.mediamesh.model.ids;

/**
 * The name of a peer inside its room, chosen by the application or generated for anonymous WHEP viewers.
 *
 * @param value non-blank, at most 128 characters, no control characters
 */
public record PeerId(String value) {

    public PeerId {
        IdRules.check("peer", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
