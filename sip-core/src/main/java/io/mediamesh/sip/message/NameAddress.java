package io.mediamesh.sip.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A From, To, Contact, Route or Record-Route value (RFC 3261 §20.10, §25.1 {@code name-addr / addr-spec} followed
 * by header parameters). Without angle brackets, everything after the first semicolon is a header parameter, not a
 * URI parameter. The URI is kept as written (escapes untouched), and so is the display name.
 *
 * @param rawDisplayName the display name as written (quoted string or tokens), or null
 * @param uri            the URI as written, or "*" for the Contact wildcard
 * @param params         header parameters in order, lower-case names, null value for a flag
 */
public record NameAddress(String rawDisplayName, String uri, Map<String, String> params) {

    public NameAddress {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** An address with a URI and no display name or parameters. */
    public static NameAddress of(String uri) {
        return new NameAddress(null, uri, Map.of());
    }

    /** Parses one value (not a comma list). */
    public static NameAddress parse(String value) throws SipParseException {
        String s = value.strip();
        if (s.equals("*")) {
            return new NameAddress(null, "*", Map.of());
        }
        String display = null;
        String uri;
        String paramText;
        int lt;
        if (s.startsWith("\"")) {
            int end = HeaderSyntax.quotedEnd(s, 0);
            display = s.substring(0, end);
            lt = end;
            while (lt < s.length() && HeaderSyntax.isWhitespace(s.charAt(lt))) {
                lt++;
            }
            if (lt == s.length() || s.charAt(lt) != '<') {
                throw new SipParseException("Bad name-addr");
            }
        } else {
            lt = s.indexOf('<');
            if (lt > 0) {
                display = s.substring(0, lt).strip();
                for (String word : display.split("[ \t]+")) {
                    if (!HeaderSyntax.isToken(word)) {
                        throw new SipParseException("Bad display name");
                    }
                }
            }
        }
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            if (gt < 0) {
                throw new SipParseException("Unterminated <URI>");
            }
            uri = s.substring(lt + 1, gt);
            String after = s.substring(gt + 1).strip();
            if (!after.isEmpty() && after.charAt(0) != ';') {
                throw new SipParseException("Bad header parameters");
            }
            paramText = after.isEmpty() ? "" : after.substring(1);
        } else {
            int semi = s.indexOf(';');
            uri = (semi < 0 ? s : s.substring(0, semi)).strip();
            paramText = semi < 0 ? "" : s.substring(semi + 1);
            if (uri.indexOf(',') >= 0 || uri.indexOf('?') >= 0) {
                throw new SipParseException("URI with ',' or '?' needs <>");
            }
        }
        checkUri(uri);
        return new NameAddress(display, uri, HeaderSyntax.parseParams(paramText));
    }

    private static void checkUri(String uri) throws SipParseException {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !HeaderSyntax.isToken(uri.substring(0, colon))) {
            throw new SipParseException("Bad URI");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"') {
                throw new SipParseException("Bad URI");
            }
        }
    }

    /** The display name with quotes and escapes resolved, or null. */
    public String displayName() {
        return rawDisplayName == null ? null : HeaderSyntax.unquote(rawDisplayName);
    }

    /** The tag parameter, or null. */
    public String tag() {
        return param("tag");
    }

    /** Header parameter {@code name} unquoted; null when absent or a flag. */
    public String param(String name) {
        return HeaderSyntax.unquote(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /** This address with a tag parameter set. */
    public NameAddress withTag(String tag) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put("tag", tag);
        return new NameAddress(rawDisplayName, uri, copy);
    }

    @Override
    public String toString() {
        if (uri.equals("*")) {
            return "*";
        }
        StringBuilder out = new StringBuilder();
        if (rawDisplayName != null) {
            out.append(rawDisplayName).append(' ');
        }
        out.append('<').append(uri).append('>');
        HeaderSyntax.formatParams(out, params);
        return out.toString();
    }
}
