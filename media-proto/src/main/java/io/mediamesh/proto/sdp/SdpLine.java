package io.mediamesh.proto.sdp;

import java.util.Objects;

/**
 * One non-attribute SDP line ({@code <type>=<value>}, RFC 8866 §5), such as {@code o=}, {@code s=},
 * {@code c=}, {@code b=} or {@code t=}. Attribute lines are {@link SdpAttribute}s and media lines are
 * {@link MediaDescription}s; everything else is kept verbatim as an {@code SdpLine}.
 */
public record SdpLine(char type, String value) {

    public SdpLine {
        Objects.requireNonNull(value, "value");
        if (type < 'a' || type > 'z' || type == 'a' || type == 'm') {
            throw new IllegalArgumentException("not a plain SDP field type: " + type);
        }
    }

    /** The line as it appears in SDP text, without the line ending. */
    public String line() {
        return type + "=" + value;
    }
}
