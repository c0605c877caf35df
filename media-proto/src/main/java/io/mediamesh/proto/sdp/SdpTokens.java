package io.mediamesh.proto.sdp;

/** Character classes of the RFC 8866 §9 grammar shared by the parser and the typed helpers. */
final class SdpTokens {

    private SdpTokens() {
    }

    /** {@code token-char} of RFC 8866 §9: visible ASCII except the separators listed there. */
    static boolean isTokenChar(char c) {
        return c == '!' || (c >= '#' && c <= '\'') || c == '*' || c == '+' || c == '-' || c == '.'
                || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= '^' && c <= '~');
    }

    static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Parses a non-negative decimal that fits an int, or throws {@link SdpParseException} naming {@code what}. */
    static int parseUnsignedInt(String s, String what) {
        if (s.isEmpty() || s.length() > 10) {
            throw new SdpParseException(what + " is not a number: '" + s + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new SdpParseException(what + " is not a number: '" + s + "'");
            }
            v = v * 10 + (c - '0');
        }
        if (v > Integer.MAX_VALUE) {
            throw new SdpParseException(what + " is too large: '" + s + "'");
        }
        return (int) v;
    }

    /** Parses a 32-bit unsigned SSRC (RFC 5576 §4.1), or throws {@link SdpParseException}. */
    static long parseSsrc(String s) {
        if (s.isEmpty() || s.length() > 10) {
            throw new SdpParseException("SSRC is not a 32-bit number: '" + s + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new SdpParseException("SSRC is not a 32-bit number: '" + s + "'");
            }
            v = v * 10 + (c - '0');
        }
        if (v > 0xFFFF_FFFFL) {
            throw new SdpParseException("SSRC is not a 32-bit number: '" + s + "'");
        }
        return v;
    }
}
