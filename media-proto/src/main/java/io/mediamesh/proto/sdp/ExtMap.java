package io.mediamesh.proto.sdp;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]} (RFC 8285 §8). {@code direction}
 * is null when absent. Extension attributes after the URI are not modelled by this record (the raw
 * attribute keeps them for re-serialisation).
 */
public record ExtMap(int id, String direction, String uri) {

    /** Parses the attribute value (the part after {@code a=extmap:}). */
    public static ExtMap parse(String value) {
        String[] parts = value.trim().split(" +");
        if (parts.length < 2) {
            throw new SdpParseException("a=extmap needs '<id>[/<direction>] <uri>', got '" + value + "'");
        }
        String idPart = parts[0];
        String direction = null;
        int slash = idPart.indexOf('/');
        if (slash >= 0) {
            direction = idPart.substring(slash + 1);
            idPart = idPart.substring(0, slash);
            if (!direction.equals("sendonly") && !direction.equals("recvonly")
                    && !direction.equals("sendrecv") && !direction.equals("inactive")) {
                throw new SdpParseException("a=extmap direction '" + direction + "' is not a direction");
            }
        }
        int id = SdpTokens.parseUnsignedInt(idPart, "a=extmap id");
        // RFC 8285 §4.2/§4.3: ids 1-14 fit the one-byte header form, 1-255 the two-byte form.
        if (id < 1 || id > 255) {
            throw new SdpParseException("a=extmap id " + id + " is outside 1..255");
        }
        return new ExtMap(id, direction, parts[1]);
    }
}
