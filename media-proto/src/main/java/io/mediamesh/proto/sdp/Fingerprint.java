package io.mediamesh.proto.sdp;

/**
 * {@code a=fingerprint:<hash-func> <fingerprint>} (RFC 8122 §5), such as
 * {@code sha-256 0E:33:...:23}. The hash function is lower-cased; the fingerprint is kept as written
 * (upper-case hex pairs separated by colons in every client seen so far).
 */
public record Fingerprint(String hashFunction, String value) {

    /** Parses the attribute value (the part after {@code a=fingerprint:}). */
    public static Fingerprint parse(String value) {
        String[] parts = value.trim().split(" +");
        if (parts.length != 2) {
            throw new SdpParseException("a=fingerprint needs '<hash-func> <hex:hex:...>', got '" + value + "'");
        }
        String hex = parts[1];
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            boolean ok = (i % 3 == 2) ? c == ':' : Character.digit(c, 16) >= 0;
            if (!ok) {
                throw new SdpParseException("a=fingerprint value is not colon-separated hex: '" + hex + "'");
            }
        }
        if (hex.length() % 3 != 2) {
            throw new SdpParseException("a=fingerprint value is not colon-separated hex: '" + hex + "'");
        }
        return new Fingerprint(parts[0].toLowerCase(java.util.Locale.ROOT), hex);
    }
}
