package io.mediamesh.core.sdp;

import io.mediamesh.proto.sdp.FormatParameters;
import io.mediamesh.proto.sdp.MediaDescription;
import io.mediamesh.proto.sdp.RtpMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The codec policy: which offered payload types the answer keeps, with their RTX partners and
 * feedback. Codecs are kept in the offer's order, all of them, because the publisher picks what it
 * sends and the forwarder learns each packet's payload type; subscribers get every codec they offered
 * that we support so any publisher's codec can be forwarded without renegotiation.
 *
 * <p>Dropped on purpose:
 * <ul>
 *   <li>video red and ulpfec (RFC 2198, RFC 5109): an SFU would have to unwrap or regenerate them per
 *   subscriber; NACK/RTX covers video loss instead. Audio RED (Opus with redundancy) is kept: it passes through
 *   to subscribers that negotiated it, and the others get its primary blocks.</li>
 *   <li>telephone-event (RFC 4733) and CN: browsers only send DTMF through a sender they create
 *   themselves, and forwarding it would require every subscriber to have negotiated the same payload
 *   type; the SIP gateway (issue #7) will handle DTMF end to end.</li>
 *   <li>AV1: its dependency-descriptor extension is needed for layer selection, not implemented yet.</li>
 * </ul>
 */
final class CodecSelector {

    /** RTCP feedback types (RFC 4585 §4.2, RFC 5104 §7.1, draft-alvestrand-rmcat-remb) the answer keeps. */
    static final Set<String> KEPT_FEEDBACK = Set.of("nack", "nack pli", "ccm fir", "goog-remb");

    /** H264 profile_idc + profile-iop prefixes of profile-level-id (RFC 6184 §8.1) that we accept. */
    private static final Set<String> H264_PROFILES = Set.of(
            "42e0", "42c0", "4200", // constrained baseline (e0 or c0 constraint flags) and baseline
            "4d00", // main
            "640c", "6400"); // constrained high and high

    /** The kept codecs, the answer's format list (codecs and their RTX, in offer order), and what was refused. */
    record Selection(List<NegotiatedCodec> codecs, List<String> answerFormats, List<String> refused) {
    }

    private CodecSelector() {
    }

    /**
     * The {@code transport-cc} feedback is kept both ways: publishers get the node's transport-wide feedback (their
     * congestion control needs it to ramp up and to probe), and subscribers return theirs to the node's estimator.
     */
    static Selection select(MediaDescription m, MediaKind kind) {
        return select(m, kind, MediaRole.SUBSCRIBE);
    }

    /**
     * @param role for {@link MediaRole#PUBLISH}, Opus RED (when offered) leads the answer's formats, so the publisher
     *             sends it; subscribers get it as they offered it, and those without it get the primary blocks
     */
    static Selection select(MediaDescription m, MediaKind kind, MediaRole role) {
        Map<Integer, RtpMap> maps = new HashMap<>();
        for (RtpMap map : m.rtpMaps()) {
            maps.putIfAbsent(map.payloadType(), map);
        }
        Map<Integer, RtpMap> kept = new LinkedHashMap<>();
        Set<String> refused = new LinkedHashSet<>();
        for (String format : m.formats()) {
            Integer pt = payloadType(format);
            RtpMap map = pt == null ? null : maps.get(pt);
            if (map == null) {
                refused.add("PT " + format + " without a=rtpmap");
                continue;
            }
            if (map.encoding().equalsIgnoreCase("rtx") || isAudioRed(kind, map)) {
                continue;
            }
            String refusal = refusal(kind, map, m.fmtp(pt).orElse(""));
            if (refusal == null) {
                kept.put(pt, map);
            } else {
                refused.add(refusal);
            }
        }
        // Opus RED (RFC 2198): kept when its blocks are a kept codec, so it is judged after the others.
        Integer red = null;
        for (String format : m.formats()) {
            Integer pt = payloadType(format);
            RtpMap map = pt == null ? null : maps.get(pt);
            if (map != null && isAudioRed(kind, map)) {
                if (red == null && blocksKept(m.fmtp(pt).orElse(""), kept)) {
                    red = pt;
                } else if (red == null) {
                    refused.add(map.encoding() + "/" + map.clockRate() + " of " + m.fmtp(pt).orElse("no codec"));
                }
            }
        }
        if (red != null) {
            kept.put(red, maps.get(red));
        }
        Map<Integer, Integer> rtxByApt = rtxPartners(m, maps, kept);
        List<NegotiatedCodec> codecs = new ArrayList<>(kept.size());
        for (RtpMap map : kept.values()) {
            int pt = map.payloadType();
            codecs.add(new NegotiatedCodec(map.encoding().toLowerCase(Locale.ROOT), pt, map.clockRate(), map.channels(),
                    m.fmtp(pt).orElse(""), rtxByApt.getOrDefault(pt, -1), feedback(m, pt)));
        }
        Set<Integer> rtxPts = new HashSet<>(rtxByApt.values());
        List<String> formats = new ArrayList<>();
        for (String format : m.formats()) {
            Integer pt = payloadType(format);
            if (pt != null && (kept.containsKey(pt) || rtxPts.contains(pt)) && !formats.contains(format)) {
                formats.add(format);
            }
        }
        if (red != null && role == MediaRole.PUBLISH) {
            // A browser sends the answer's first codec: RED first makes it send Opus with redundancy.
            formats.remove(String.valueOf(red));
            formats.add(0, String.valueOf(red));
        }
        return new Selection(codecs, formats, List.copyOf(refused));
    }

    private static boolean isAudioRed(MediaKind kind, RtpMap map) {
        return kind == MediaKind.AUDIO && map.encoding().equalsIgnoreCase("red") && map.clockRate() == 48000;
    }

    /** Whether a RED fmtp ({@code 111/111}) names only kept codecs. */
    private static boolean blocksKept(String fmtp, Map<Integer, RtpMap> kept) {
        String[] blocks = fmtp.trim().split("/");
        for (String block : blocks) {
            Integer pt = payloadType(block.trim());
            if (pt == null || !kept.containsKey(pt)) {
                return false;
            }
        }
        return blocks.length > 0;
    }

    /** Maps each kept codec's payload type to the first RTX payload type (RFC 4588 §8.6) whose apt names it. */
    private static Map<Integer, Integer> rtxPartners(MediaDescription m, Map<Integer, RtpMap> maps,
                                                     Map<Integer, RtpMap> kept) {
        Map<Integer, Integer> rtxByApt = new HashMap<>();
        for (String format : m.formats()) {
            Integer pt = payloadType(format);
            RtpMap map = pt == null ? null : maps.get(pt);
            if (map == null || !map.encoding().equalsIgnoreCase("rtx")) {
                continue;
            }
            String apt = FormatParameters.parse(m.fmtp(pt).orElse("")).get("apt");
            Integer aptPt = apt == null ? null : payloadType(apt);
            if (aptPt != null && kept.containsKey(aptPt) && kept.get(aptPt).clockRate() == map.clockRate()) {
                rtxByApt.putIfAbsent(aptPt, pt);
            }
        }
        return rtxByApt;
    }

    private static List<String> feedback(MediaDescription m, int pt) {
        Set<String> out = new LinkedHashSet<>();
        for (String fb : m.rtcpFeedback(pt)) {
            String normalised = fb.trim().replaceAll(" +", " ").toLowerCase(Locale.ROOT);
            if (KEPT_FEEDBACK.contains(normalised) || normalised.equals("transport-cc")) {
                out.add(normalised);
            }
        }
        return List.copyOf(out);
    }

    /** Null when the codec is supported, else how to describe it in "offered: ..." messages. */
    private static String refusal(MediaKind kind, RtpMap map, String fmtp) {
        String name = map.encoding().toLowerCase(Locale.ROOT);
        Map<String, String> params = FormatParameters.parse(fmtp);
        if (kind == MediaKind.AUDIO) {
            if (name.equals("opus") && map.clockRate() == 48000 && map.channels() == 2) {
                return null;
            }
            return map.encoding() + "/" + map.clockRate() + (map.channels() != 1 ? "/" + map.channels() : "");
        }
        if (map.clockRate() != 90000) {
            return map.encoding() + "/" + map.clockRate();
        }
        switch (name) {
            case "vp8" -> {
                return null;
            }
            case "vp9" -> {
                String profile = params.getOrDefault("profile-id", "0");
                return profile.equals("0") ? null : map.encoding() + " profile-id=" + profile;
            }
            case "h264" -> {
                String mode = params.getOrDefault("packetization-mode", "0");
                if (!mode.equals("0") && !mode.equals("1")) {
                    return map.encoding() + " packetization-mode=" + mode;
                }
                // RFC 6184 §8.1: profile-level-id defaults to 420010 (baseline, level 1.0).
                String plid = params.getOrDefault("profile-level-id", "420010").toLowerCase(Locale.ROOT);
                if (plid.length() != 6 || !H264_PROFILES.contains(plid.substring(0, 4))) {
                    return map.encoding() + " profile-level-id=" + plid;
                }
                return null;
            }
            default -> {
                return map.encoding();
            }
        }
    }

    /** The payload type a format string names ("111"), or null when it is not one. */
    static Integer payloadType(String format) {
        if (format.isEmpty() || format.length() > 3 || !format.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int pt = Integer.parseInt(format);
        return pt <= 127 ? pt : null;
    }
}
