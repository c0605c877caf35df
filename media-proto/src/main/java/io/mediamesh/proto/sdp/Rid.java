package io.mediamesh.proto.sdp;

/**
 * {@code a=rid:<rid-id> <direction> [<rid-params>]} (RFC 8851 §10), such as {@code a=rid:q send}.
 * {@code direction} is "send" or "recv"; {@code params} is the raw parameter text
 * ({@code pt=96;max-width=640}) or "" when there is none.
 */
public record Rid(String id, String direction, String params) {

    /** Parses the attribute value (the part after {@code a=rid:}). */
    public static Rid parse(String value) {
        String[] parts = value.trim().split(" +", 3);
        if (parts.length < 2) {
            throw new SdpParseException("a=rid needs '<id> send|recv [params]', got '" + value + "'");
        }
        if (!isRidId(parts[0])) {
            throw new SdpParseException("a=rid id '" + parts[0] + "' is not alphanumeric, '-' or '_'");
        }
        if (!parts[1].equals("send") && !parts[1].equals("recv")) {
            throw new SdpParseException("a=rid direction must be send or recv, got '" + parts[1] + "'");
        }
        return new Rid(parts[0], parts[1], parts.length == 3 ? parts[2].trim() : "");
    }

    /** RFC 8851 §10: {@code rid-id = 1*(alpha-numeric / "-" / "_")}. */
    static boolean isRidId(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 127 || (!Character.isLetterOrDigit(c) && c != '-' && c != '_')) {
                return false;
            }
        }
        return true;
    }
}
