package io.mediamesh.proto.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc-id> ...} (RFC 5576 §4.2), for example
 * {@code FID <media ssrc> <rtx ssrc>} (RFC 4588 §8) or {@code SIM} (legacy Chrome simulcast).
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    public SsrcGroup {
        ssrcs = List.copyOf(ssrcs);
    }

    /** Parses the attribute value (the part after {@code a=ssrc-group:}). */
    public static SsrcGroup parse(String value) {
        String[] parts = value.trim().split(" +");
        if (parts.length < 2 || !SdpTokens.isToken(parts[0])) {
            throw new SdpParseException("a=ssrc-group needs '<semantics> <ssrc> ...', got '" + value + "'");
        }
        List<Long> ssrcs = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            ssrcs.add(SdpTokens.parseSsrc(parts[i]));
        }
        return new SsrcGroup(parts[0], ssrcs);
    }
}
