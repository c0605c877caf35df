package io.mediamesh.core.sdp;

import io.mediamesh.proto.sdp.MediaDescription;
import io.mediamesh.proto.sdp.SsrcAttribute;
import io.mediamesh.proto.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a publisher's announced sources: {@code a=ssrc} lines (RFC 5576 §4.1) give SSRCs and CNAMEs,
 * {@code a=ssrc-group:FID <media> <rtx>} (RFC 4588 §8.1, RFC 5576 §4.2) pairs each media SSRC with
 * its retransmission SSRC. RTX SSRCs are not reported as streams of their own. Legacy simulcast
 * ({@code a=ssrc-group:SIM}, libwebrtc's pre-rid form, lowest layer first) puts its SSRCs first, in layer order.
 */
final class RemoteStreamReader {

    private RemoteStreamReader() {
    }

    /** Whether the m-line announces legacy simulcast: an {@code a=ssrc-group:SIM} of at least two SSRCs. */
    static boolean legacySimulcast(MediaDescription m) {
        return m.ssrcGroups().stream().anyMatch(g -> g.semantics().equals("SIM") && g.ssrcs().size() > 1);
    }

    static List<RemoteStream> read(MediaDescription m) {
        Set<Long> order = new LinkedHashSet<>();
        Map<Long, String> cnames = new HashMap<>();
        for (SsrcAttribute a : m.ssrcs()) {
            order.add(a.ssrc());
            if (a.attribute().equals("cname") && a.value() != null) {
                cnames.putIfAbsent(a.ssrc(), a.value());
            }
        }
        Map<Long, Long> rtxByMedia = new HashMap<>();
        Set<Long> rtxSsrcs = new HashSet<>();
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals("FID") && g.ssrcs().size() == 2) {
                order.addAll(g.ssrcs());
                rtxByMedia.putIfAbsent(g.ssrcs().get(0), g.ssrcs().get(1));
                rtxSsrcs.add(g.ssrcs().get(1));
            }
        }
        // Legacy simulcast (a=ssrc-group:SIM, lowest layer first): its SSRCs lead, in the group's order.
        Set<Long> ordered = new LinkedHashSet<>();
        for (SsrcGroup g : m.ssrcGroups()) {
            if (g.semantics().equals("SIM") && g.ssrcs().size() > 1 && ordered.isEmpty()) {
                ordered.addAll(g.ssrcs());
            }
        }
        ordered.addAll(order);
        List<RemoteStream> streams = new ArrayList<>();
        for (long ssrc : ordered) {
            if (!rtxSsrcs.contains(ssrc)) {
                streams.add(new RemoteStream(ssrc, rtxByMedia.getOrDefault(ssrc, -1L), null, cnames.get(ssrc)));
            }
        }
        return List.copyOf(streams);
    }
}
