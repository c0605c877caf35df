package io.mediamesh.sip.sdp;

/** The SDP direction attributes of RFC 3264 §5.1, from the point of view of the side that wrote them. */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute name, e.g. {@code sendonly}. */
    public String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction an answer takes to this offered one (RFC 3264 §6.1): send-only is answered receive-only. */
    public MediaDirection answer() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** Whether the side that wrote this direction sends media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether the side that wrote this direction receives media. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction named by an attribute, or null when {@code attribute} is not one. */
    public static MediaDirection of(String attribute) {
        for (MediaDirection direction : values()) {
            if (direction.attribute().equals(attribute)) {
                return direction;
            }
        }
        return null;
    }
}
