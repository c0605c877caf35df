package io.mediamesh.proto.rtcp;

import static io.mediamesh.proto.rtcp.RtcpHeader.checkUnsigned;

import java.util.List;
import java.util.Optional;

/**
 * One SDES chunk (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.5">RFC 3550 §6.5</a>): an SSRC or
 * CSRC and its items. On the wire the item list ends with a null octet and zero padding to 32 bits.
 */
public record SdesChunk(long ssrc, List<SdesItem> items) {

    public SdesChunk {
        checkUnsigned(ssrc, 32, "ssrc");
        items = List.copyOf(items);
    }

    /** The CNAME item's text, if present. */
    public Optional<String> cname() {
        return items.stream().filter(item -> item.type() == SdesItem.CNAME).map(SdesItem::value).findFirst();
    }

    /** The chunk length on the wire: SSRC, items, at least one null octet, padded to 32 bits. */
    int encodedLength() {
        int length = 4;
        for (SdesItem item : items) {
            length += item.encodedLength();
        }
        return (length + 4) & ~3;
    }
}
