package io.mediamesh.sip.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate value (RFC 3261 §25.1
 * {@code credentials} / {@code challenge}): a scheme such as "Digest" and comma-separated {@code name=value}
 * parameters. Values are stored unquoted; {@link #toString()} quotes all but the token-valued ones RFC 7616
 * leaves bare (algorithm, nc, stale, and qop in credentials).
 */
public record AuthHeader(String scheme, Map<String, String> params) {

    public AuthHeader {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parses {@code scheme LWS param *(COMMA param)}. */
    public static AuthHeader parse(String value) throws SipParseException {
        String s = value.strip();
        int i = 0;
        while (i < s.length() && HeaderSyntax.isTokenChar(s.charAt(i))) {
            i++;
        }
        String scheme = s.substring(0, i);
        if (scheme.isEmpty()) {
            throw new SipParseException("Bad auth scheme");
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rest = s.substring(i).strip();
        if (!rest.isEmpty()) {
            for (String item : HeaderSyntax.splitList(rest)) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new SipParseException("Bad auth parameter");
                }
                String name = item.substring(0, eq).strip();
                String raw = item.substring(eq + 1).strip();
                if (!HeaderSyntax.isToken(name)
                        || raw.startsWith("\"") && HeaderSyntax.quotedEnd(raw, 0) != raw.length()) {
                    throw new SipParseException("Bad auth parameter");
                }
                params.put(name.toLowerCase(Locale.ROOT), HeaderSyntax.unquote(raw));
            }
        }
        return new AuthHeader(scheme, params);
    }

    /** Parameter {@code name} (case-insensitive), unquoted, or null. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(scheme);
        String separator = " ";
        for (Map.Entry<String, String> p : params.entrySet()) {
            out.append(separator).append(p.getKey()).append('=');
            boolean bare = switch (p.getKey()) {
                case "algorithm", "nc", "stale" -> true;
                case "qop" -> params.containsKey("response"); // bare in credentials, quoted in challenges
                default -> false;
            };
            out.append(bare ? p.getValue() : HeaderSyntax.quote(p.getValue()));
            separator = ", ";
        }
        return out.toString();
    }
}
