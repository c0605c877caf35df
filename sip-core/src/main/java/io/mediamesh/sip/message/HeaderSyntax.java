package io.mediamesh.sip.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lexical pieces of RFC 3261 §25 that header values share: tokens, quoted strings, lists and parameters. */
final class HeaderSyntax {
    private static final String TOKEN_SYMBOLS = "-.!%*_+`'~";

    private HeaderSyntax() {
    }

    static boolean isTokenChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0);
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** The values of a comma-separated list; commas inside quotes or angle brackets do not split. */
    static List<String> splitList(String value) throws SipParseException {
        List<String> out = new ArrayList<>();
        if (value.isBlank()) {
            return out; // e.g. "Supported:" with no option tags
        }
        int start = 0;
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                out.add(value.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (quoted) {
            throw new SipParseException("Unterminated quoted string");
        }
        out.add(value.substring(start).strip());
        for (String item : out) {
            if (item.isEmpty()) {
                throw new SipParseException("Empty list element");
            }
        }
        return out;
    }

    /** The end index (exclusive, after the closing quote) of the quoted string that starts at {@code start}. */
    static int quotedEnd(String s, int start) throws SipParseException {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        throw new SipParseException("Unterminated quoted string");
    }

    /** The content of a quoted string with its quoted-pairs resolved; an unquoted value is returned unchanged. */
    static String unquote(String s) {
        if (s == null || s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                c = s.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** {@code value} as a quoted string. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /**
     * Parameters {@code *( SEMI name [ EQUAL value ] )}: {@code text} is what follows the first semicolon (or is
     * empty). Names are lower-cased; a flag has a null value; quoted values keep their quotes.
     */
    static Map<String, String> parseParams(String text) throws SipParseException {
        Map<String, String> params = new LinkedHashMap<>();
        String rest = text.strip();
        if (rest.isEmpty()) {
            return params;
        }
        int start = 0;
        for (int i = 0; i <= rest.length(); i++) {
            if (i < rest.length() && rest.charAt(i) == '"') {
                i = quotedEnd(rest, i) - 1;
                continue;
            }
            if (i == rest.length() || rest.charAt(i) == ';') {
                addParam(params, rest.substring(start, i));
                start = i + 1;
            }
        }
        return params;
    }

    private static void addParam(Map<String, String> params, String item) throws SipParseException {
        int eq = item.indexOf('=');
        String name = (eq < 0 ? item : item.substring(0, eq)).strip();
        if (!isToken(name)) {
            throw new SipParseException("Bad parameter name");
        }
        String value = null;
        if (eq >= 0) {
            value = item.substring(eq + 1).strip();
            boolean ok = value.startsWith("\"") ? quotedEnd(value, 0) == value.length() : isParamValue(value);
            if (!ok) {
                throw new SipParseException("Bad parameter value");
            }
        }
        params.put(name.toLowerCase(Locale.ROOT), value);
    }

    private static boolean isParamValue(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // token, or an IPv6 reference / host with ':' and brackets
            if (!isTokenChar(c) && c != ':' && c != '[' && c != ']') {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    static void formatParams(StringBuilder out, Map<String, String> params) {
        for (Map.Entry<String, String> p : params.entrySet()) {
            out.append(';').append(p.getKey());
            if (p.getValue() != null) {
                out.append('=').append(p.getValue());
            }
        }
    }

    /** A non-negative decimal of at most {@code max}, leading zeros allowed; -1 if not such a number. */
    static long parseNumber(String s, long max) {
        if (s.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value > max) {
                return -1;
            }
        }
        return value;
    }
}
