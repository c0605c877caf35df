package io.mediamesh.proto.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code key=value;key=value} parameter list used by most {@code a=fmtp} lines (RFC 8866
 * §6.15 leaves the format to each codec; RFC 6184 §8.1, RFC 7587 §7 and RFC 4588 §8.1 all use this
 * shape). Keys are lower-cased, since the codec RFCs define them case-insensitively; a parameter
 * without '=' maps to "".
 */
public final class FormatParameters {

    private FormatParameters() {
    }

    /** Parses {@code fmtp} (the part after the payload type) into an ordered, unmodifiable map. */
    public static Map<String, String> parse(String fmtp) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : fmtp.split(";")) {
            String p = item.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            out.putIfAbsent(key, eq < 0 ? "" : p.substring(eq + 1).trim());
        }
        return Collections.unmodifiableMap(out);
    }
}
