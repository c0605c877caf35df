package io.mediamesh.proto.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One SDES item (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.5">RFC 3550 §6.5</a>): a type and a
 * UTF-8 text of at most 255 bytes. PRIV items keep their prefix inside the text.
 */
public record SdesItem(int type, String value) {
    public static final int CNAME = 1;
    public static final int NAME = 2;
    public static final int EMAIL = 3;
    public static final int PHONE = 4;
    public static final int LOC = 5;
    public static final int TOOL = 6;
    public static final int NOTE = 7;
    public static final int PRIV = 8;

    public SdesItem {
        if (type < 1 || type > 255) {
            throw new IllegalArgumentException("SDES item type must be 1..255 (0 ends the list): " + type);
        }
        Objects.requireNonNull(value, "value");
        if (value.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("SDES item longer than 255 bytes");
        }
    }

    /** A CNAME item, the one every compound packet must carry. */
    public static SdesItem cname(String cname) {
        return new SdesItem(CNAME, cname);
    }

    int encodedLength() {
        return 2 + value.getBytes(StandardCharsets.UTF_8).length;
    }
}
