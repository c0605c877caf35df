package io.mediamesh.proto.sdp;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1), such as
 * {@code a=ssrc:421318446 cname:EUuhew7f6o1wAoaf}. {@code value} is null for a source attribute
 * without a value.
 */
public record SsrcAttribute(long ssrc, String attribute, String value) {

    /** Parses the attribute value (the part after {@code a=ssrc:}). */
    public static SsrcAttribute parse(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        if (space < 0) {
            throw new SdpParseException("a=ssrc needs '<ssrc> <attribute>[:<value>]', got '" + value + "'");
        }
        long ssrc = SdpTokens.parseSsrc(v.substring(0, space));
        String rest = v.substring(space + 1).trim();
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        if (!SdpTokens.isToken(name)) {
            throw new SdpParseException("a=ssrc attribute name is not a token: '" + name + "'");
        }
        return new SsrcAttribute(ssrc, name, colon < 0 ? null : rest.substring(colon + 1));
    }
}
