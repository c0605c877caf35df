package io.mediamesh.core.sdp;

import io.mediamesh.proto.sdp.ExtMap;
import io.mediamesh.proto.sdp.MediaDescription;
import io.mediamesh.proto.sdp.SdpAttribute;
import io.mediamesh.proto.sdp.SdpLine;
import io.mediamesh.proto.sdp.SessionDescription;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the answer's session level and m-lines (RFC 8829 §5.3.1 answer generation, reduced to what
 * an ICE-lite BUNDLE-only server needs). Transport attributes and candidates go on every accepted
 * m-line, which RFC 8843 permits and which browsers accept whichever m-line they treat as tagged.
 */
final class AnswerWriter {

    /** Host candidate type preference (RFC 8445 §5.1.2.2 recommends 126 for host). */
    private static final long HOST_TYPE_PREFERENCE = 126;

    private AnswerWriter() {
    }

    static SessionDescription session(LocalTransport local, List<String> acceptedMids, List<MediaDescription> media) {
        long sessionId = Integer.toUnsignedLong(local.iceUfrag().hashCode());
        List<SdpLine> lines = List.of(new SdpLine('v', "0"),
                new SdpLine('o', "- " + sessionId + " 2 IN IP4 127.0.0.1"),
                new SdpLine('s', "-"),
                new SdpLine('t', "0 0"));
        // No a=extmap-allow-mixed (RFC 8285 §6): without it clients keep to one-byte headers.
        List<SdpAttribute> attributes = List.of(SdpAttribute.flag("ice-lite"),
                new SdpAttribute("group", "BUNDLE " + String.join(" ", acceptedMids)),
                new SdpAttribute("msid-semantic", " WMS *"));
        return new SessionDescription(lines, attributes, media);
    }

    /** A rejected m-line (RFC 8829 §5.3.1): port 0, the first offered format, and the mid kept for matching. */
    static MediaDescription rejected(MediaDescription offered) {
        List<SdpAttribute> attributes = offered.mid() == null ? List.of() : List.of(new SdpAttribute("mid", offered.mid()));
        return MediaDescription.of(offered.kind(), 0, offered.protocol(), List.of(offered.formats().get(0)),
                "IN IP4 0.0.0.0", attributes);
    }

    /** What one accepted m-line of the answer carries besides the transport. */
    record MediaAnswer(MediaDescription offered, String direction, CodecSelector.Selection selection,
                       List<ExtMap> extensions, List<String> recvRids, String simulcastRecv, boolean rtcpRsize,
                       String msid, long ssrc, long rtxSsrc, String cname, boolean conference) {
    }

    static MediaDescription accepted(MediaAnswer a, LocalTransport local) {
        List<SdpAttribute> attrs = new ArrayList<>();
        attrs.add(new SdpAttribute("ice-ufrag", local.iceUfrag()));
        attrs.add(new SdpAttribute("ice-pwd", local.icePwd()));
        attrs.add(new SdpAttribute("fingerprint", "sha-256 " + local.fingerprintSha256()));
        attrs.add(new SdpAttribute("setup", "passive"));
        attrs.add(new SdpAttribute("mid", a.offered().mid()));
        for (ExtMap e : a.extensions()) {
            String direction = answerDirection(e.direction());
            attrs.add(new SdpAttribute("extmap", e.id() + (direction == null ? "" : "/" + direction) + " " + e.uri()));
        }
        attrs.add(SdpAttribute.flag(a.direction()));
        if (a.ssrc() >= 0) {
            attrs.add(new SdpAttribute("msid", a.msid()));
        }
        attrs.add(SdpAttribute.flag("rtcp-mux"));
        if (a.rtcpRsize()) {
            attrs.add(SdpAttribute.flag("rtcp-rsize"));
        }
        for (NegotiatedCodec c : a.selection().codecs()) {
            addCodec(attrs, c, a.offered());
        }
        for (String rid : a.recvRids()) {
            attrs.add(new SdpAttribute("rid", rid + " recv"));
        }
        if (a.simulcastRecv() != null) {
            attrs.add(new SdpAttribute("simulcast", "recv " + a.simulcastRecv()));
        }
        if (a.conference()) {
            // libwebrtc sends every layer of a legacy (SIM group) simulcast offer only to a "conference" peer.
            attrs.add(new SdpAttribute("x-google-flag", "conference"));
        }
        if (a.ssrc() >= 0) {
            addSsrcs(attrs, a);
        }
        addCandidates(attrs, local.candidates());
        InetSocketAddress first = local.candidates().isEmpty() ? null : local.candidates().get(0);
        String connection = first == null ? "IN IP4 0.0.0.0"
                : (first.getAddress() instanceof Inet6Address ? "IN IP6 " : "IN IP4 ") + host(first);
        return MediaDescription.of(a.offered().kind(), first == null ? 9 : first.getPort(), a.offered().protocol(),
                a.selection().answerFormats(), connection, attrs);
    }

    private static void addCodec(List<SdpAttribute> attrs, NegotiatedCodec c, MediaDescription offered) {
        int pt = c.payloadType();
        attrs.add(new SdpAttribute("rtpmap", pt + " " + offered.rtpMap(pt).orElseThrow().encoding() + "/"
                + c.clockRate() + (c.channels() > 1 ? "/" + c.channels() : "")));
        for (String fb : c.rtcpFeedback()) {
            attrs.add(new SdpAttribute("rtcp-fb", pt + " " + fb));
        }
        if (!c.fmtp().isEmpty()) {
            attrs.add(new SdpAttribute("fmtp", pt + " " + c.fmtp()));
        }
        if (c.hasRtx()) {
            int rtx = c.rtxPayloadType();
            attrs.add(new SdpAttribute("rtpmap", rtx + " rtx/" + c.clockRate()));
            attrs.add(new SdpAttribute("fmtp", rtx + " " + offered.fmtp(rtx).orElse("apt=" + pt)));
        }
    }

    /** RFC 5576 §4.1 source attributes and the RFC 4588 §8.1 FID group for the SSRCs we send with. */
    private static void addSsrcs(List<SdpAttribute> attrs, MediaAnswer a) {
        if (a.rtxSsrc() >= 0) {
            attrs.add(new SdpAttribute("ssrc-group", "FID " + a.ssrc() + " " + a.rtxSsrc()));
        }
        for (long ssrc : a.rtxSsrc() >= 0 ? new long[] {a.ssrc(), a.rtxSsrc()} : new long[] {a.ssrc()}) {
            attrs.add(new SdpAttribute("ssrc", ssrc + " cname:" + a.cname()));
            attrs.add(new SdpAttribute("ssrc", ssrc + " msid:" + a.msid()));
        }
    }

    private static void addCandidates(List<SdpAttribute> attrs, List<InetSocketAddress> candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            InetSocketAddress c = candidates.get(i);
            // RFC 8445 §5.1.2.1: priority = 2^24 * type pref + 2^8 * local pref + (256 - component id).
            long priority = (HOST_TYPE_PREFERENCE << 24) + ((long) (65535 - i) << 8) + (256 - 1);
            attrs.add(new SdpAttribute("candidate", (i + 1) + " 1 udp " + priority + " " + host(c) + " " + c.getPort()
                    + " typ host"));
        }
        attrs.add(SdpAttribute.flag("end-of-candidates"));
    }

    private static String host(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return ip instanceof Inet6Address ? ipv6Text(ip.getAddress()) : ip.getHostAddress();
    }

    /**
     * RFC 5952 §4 text for an IPv6 address: lower-case hex without leading zeros, the longest run of
     * two or more zero groups (the first one on a tie) written as "::", and no zone id. Java's own
     * {@code getHostAddress()} writes every group ("0:0:0:0:0:0:0:1").
     */
    static String ipv6Text(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            sb.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** RFC 8285 §8: the answer's extmap direction must complement the offered one. */
    private static String answerDirection(String offered) {
        if (offered == null) {
            return null;
        }
        return switch (offered) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> null;
        };
    }
}
