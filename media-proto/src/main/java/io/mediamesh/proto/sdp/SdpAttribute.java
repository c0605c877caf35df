package io.mediamesh.proto.sdp;

import java.util.Objects;

/**
 * An SDP attribute line (RFC 8866 §5.13): {@code a=<name>} for a property (flag) attribute, whose
 * {@code value} is null, or {@code a=<name>:<value>} for a value attribute. The value is kept exactly
 * as written (including leading spaces, as in Chromium's {@code a=msid-semantic: WMS}) so that text
 * round-trips unchanged; typed helpers trim it when they interpret it.
 */
public record SdpAttribute(String name, String value) {

    public SdpAttribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || !SdpTokens.isToken(name)) {
            throw new IllegalArgumentException("attribute name is not an SDP token: '" + name + "'");
        }
    }

    /** A property attribute such as {@code a=rtcp-mux}. */
    public static SdpAttribute flag(String name) {
        return new SdpAttribute(name, null);
    }

    /** True for a property attribute (no value). */
    public boolean isFlag() {
        return value == null;
    }

    /** The line as it appears in SDP text, without the line ending. */
    public String line() {
        return value == null ? "a=" + name : "a=" + name + ":" + value;
    }
}
