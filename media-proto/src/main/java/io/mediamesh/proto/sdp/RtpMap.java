package io.mediamesh.proto.sdp;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866
 * §6.6). {@code channels} is the encoding parameter; RFC 8866 says it defaults to 1 for audio when
 * omitted, and this model uses 1 for any omitted value, including video, where it has no meaning.
 */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {

    /** Parses the attribute value (the part after {@code a=rtpmap:}). */
    public static RtpMap parse(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        if (space < 0) {
            throw new SdpParseException("a=rtpmap needs '<pt> <encoding>/<clock rate>', got '" + value + "'");
        }
        int pt = parsePayloadType(v.substring(0, space), "a=rtpmap");
        String[] parts = v.substring(space + 1).trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
            throw new SdpParseException("a=rtpmap needs '<pt> <encoding>/<clock rate>', got '" + value + "'");
        }
        int clockRate = SdpTokens.parseUnsignedInt(parts[1], "a=rtpmap clock rate");
        int channels = parts.length == 3 ? SdpTokens.parseUnsignedInt(parts[2], "a=rtpmap channels") : 1;
        return new RtpMap(pt, parts[0], clockRate, channels);
    }

    /** Parses an RTP payload type (0..127, RFC 3550 §5.1), naming {@code where} in the error. */
    static int parsePayloadType(String s, String where) {
        int pt = SdpTokens.parseUnsignedInt(s, where + " payload type");
        if (pt > 127) {
            throw new SdpParseException(where + " payload type " + pt + " is outside 0..127");
        }
        return pt;
    }
}
