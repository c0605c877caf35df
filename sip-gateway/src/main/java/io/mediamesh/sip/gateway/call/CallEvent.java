package io.mediamesh.sip.gateway.call;

/**
 * A call state change or a DTMF digit, as the webhook receives it (JSON) and the admin API lists it.
 *
 * @param event     {@code ringing}, {@code answered}, {@code ended} or {@code dtmf}
 * @param reason    why the call ended (e.g. {@code bye-remote}, {@code cancelled}, {@code rejected 486}), else null
 * @param digit     the DTMF digit for {@code dtmf}, else null
 * @param atMillis  wall-clock time of the event
 */
public record CallEvent(String event, String callId, String direction, String room, String peer, String reason,
        String digit, long atMillis) {

    /** The JSON the webhook gets. */
    public String toJson() {
        StringBuilder out = new StringBuilder(160).append('{');
        field(out, "event", event).append(',');
        field(out, "callId", callId).append(',');
        field(out, "direction", direction).append(',');
        field(out, "room", room).append(',');
        field(out, "peer", peer);
        if (reason != null) {
            field(out.append(','), "reason", reason);
        }
        if (digit != null) {
            field(out.append(','), "digit", digit);
        }
        return out.append(",\"at\":").append(atMillis).append('}').toString();
    }

    static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
