package io.mediamesh.core.sdp;

/** The RTP media kinds this server negotiates ({@code m=audio} and {@code m=video}, RFC 8866 §5.14). */
public enum MediaKind {
    AUDIO,
    VIDEO;

    /** The kind for an {@code m=} media type, or null for anything else (application, text, ...). */
    static MediaKind fromSdp(String media) {
        return switch (media) {
            case "audio" -> AUDIO;
            case "video" -> VIDEO;
            default -> null;
        };
    }
}
