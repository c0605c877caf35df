package io.mediamesh.proto.sdp;

/**
 * Validates the values of the attributes that the typed helpers interpret, so that a parsed
 * {@link SessionDescription} never fails later in {@code rtpMaps()} or {@code extMaps()}. Other
 * attributes are kept verbatim without checks.
 */
final class AttributeChecks {

    private AttributeChecks() {
    }

    static void check(String name, String value) {
        switch (name) {
            case "rtpmap" -> RtpMap.parse(required(name, value));
            case "fmtp" -> checkPayloadTypePrefix(name, required(name, value), false);
            case "rtcp-fb" -> checkPayloadTypePrefix(name, required(name, value), true);
            case "extmap" -> ExtMap.parse(required(name, value));
            case "ssrc" -> SsrcAttribute.parse(required(name, value));
            case "ssrc-group" -> SsrcGroup.parse(required(name, value));
            case "rid" -> Rid.parse(required(name, value));
            case "simulcast" -> Simulcast.parse(required(name, value));
            case "fingerprint" -> Fingerprint.parse(required(name, value));
            case "mid", "ice-ufrag", "ice-pwd", "setup" -> {
                if (required(name, value).isBlank()) {
                    throw new SdpParseException("a=" + name + " has an empty value");
                }
            }
            case "group" -> {
                if (required(name, value).isBlank()) {
                    throw new SdpParseException("a=group needs '<semantics> <mid> ...'");
                }
            }
            case "sendrecv", "sendonly", "recvonly", "inactive", "rtcp-mux", "rtcp-rsize", "ice-lite" -> {
                if (value != null) {
                    throw new SdpParseException("a=" + name + " is a flag and takes no value, got 'a=" + name + ":"
                            + SdpParser.abbreviate(value) + "'");
                }
            }
            default -> {
                // Attributes this package does not interpret are kept verbatim.
            }
        }
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw new SdpParseException("a=" + name + " needs a value");
        }
        return value;
    }

    private static void checkPayloadTypePrefix(String name, String value, boolean wildcard) {
        String[] parts = value.trim().split(" +", 2);
        if (wildcard && parts[0].equals("*")) {
            return;
        }
        RtpMap.parsePayloadType(parts[0], "a=" + name);
        if (parts.length < 2 && wildcard) {
            throw new SdpParseException("a=rtcp-fb needs '<pt> <feedback type>', got '" + value + "'");
        }
    }
}
