package io.mediamesh.node.testpeer;

import io.mediamesh.proto.sdp.ExtMap;
import io.mediamesh.proto.sdp.Fingerprint;
import io.mediamesh.proto.sdp.FormatParameters;
import io.mediamesh.proto.sdp.MediaDescription;
import io.mediamesh.proto.sdp.RtpMap;
import io.mediamesh.proto.sdp.SessionDescription;
import io.mediamesh.proto.sdp.SsrcAttribute;
import io.mediamesh.proto.sdp.SsrcGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a test peer needs from the node's SDP answer: the ICE-lite transport (credentials, fingerprint, setup role,
 * the first host candidate) and, per m-line, the payload types, header extension ids and the SSRCs the node will
 * send with (RFC 5576 §4.1 a=ssrc, RFC 4588 §8.1 FID group).
 */
public record ParsedAnswer(SessionDescription sdp, String iceUfrag, String icePwd, Fingerprint fingerprint,
        String setup, InetSocketAddress candidate, List<Media> media) {

    /** One answered m-line. A rejected one has port 0 and no codecs. */
    public record Media(String mid, String kind, int port, String direction, Map<String, Integer> payloadTypes,
            int rtxPayloadType, Map<String, Integer> extensionIds, long ssrc, long rtxSsrc) {

        /** The answered payload type of a codec by lower-case name ("opus", "vp8"), or -1. */
        public int payloadType(String codec) {
            return payloadTypes.getOrDefault(codec, -1);
        }
    }

    /** Parses the answer; throws when it lacks the transport attributes every WebRTC answer must carry. */
    public static ParsedAnswer parse(String text) {
        SessionDescription sdp = SessionDescription.parse(text);
        MediaDescription first = sdp.media().stream().filter(m -> m.port() != 0).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("answer accepts no m-line"));
        List<Media> media = new ArrayList<>();
        for (MediaDescription m : sdp.media()) {
            media.add(media(m));
        }
        return new ParsedAnswer(sdp, sdp.iceUfrag(first).orElseThrow(), sdp.icePwd(first).orElseThrow(),
                sdp.fingerprint(first).orElseThrow(), sdp.setup(first).orElse(null), firstCandidate(first),
                List.copyOf(media));
    }

    /** The answered m-line of this kind ("audio", "video"). */
    public Media media(String kind) {
        return media.stream().filter(m -> m.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no m=" + kind + " in the answer"));
    }

    private static Media media(MediaDescription m) {
        Map<String, Integer> payloadTypes = new HashMap<>();
        int rtx = -1;
        for (RtpMap map : m.rtpMaps()) {
            String name = map.encoding().toLowerCase(Locale.ROOT);
            if (name.equals("rtx")) {
                rtx = map.payloadType();
            } else {
                payloadTypes.putIfAbsent(name, map.payloadType());
            }
        }
        if (rtx >= 0) {
            String apt = FormatParameters.parse(m.fmtp(rtx).orElse("")).get("apt");
            if (apt == null) {
                throw new IllegalArgumentException("rtx payload type " + rtx + " without apt");
            }
        }
        Map<String, Integer> extensions = new HashMap<>();
        for (ExtMap e : m.extMaps()) {
            extensions.put(e.uri(), e.id());
        }
        long ssrc = -1;
        long rtxSsrc = -1;
        for (SsrcGroup group : m.ssrcGroups()) {
            if (group.semantics().equals("FID") && group.ssrcs().size() == 2) {
                ssrc = group.ssrcs().get(0);
                rtxSsrc = group.ssrcs().get(1);
            }
        }
        if (ssrc < 0) {
            ssrc = m.ssrcs().stream().mapToLong(SsrcAttribute::ssrc).findFirst().orElse(-1);
        }
        return new Media(m.mid(), m.kind(), m.port(), m.direction(), Map.copyOf(payloadTypes), rtx,
                Map.copyOf(extensions), ssrc, rtxSsrc);
    }

    /** The address of the first {@code a=candidate} (RFC 8839 §5.1: foundation component transport priority ip port). */
    private static InetSocketAddress firstCandidate(MediaDescription m) {
        List<String> candidates = m.attributes("candidate");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("answer has no a=candidate");
        }
        String[] fields = candidates.get(0).trim().split(" +");
        return new InetSocketAddress(fields[4], Integer.parseInt(fields[5]));
    }
}
