package io.mediamesh.proto.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One media description (RFC 8866 §5.14): the {@code m=<media> <port>[/<number>] <proto> <fmt> ...}
 * line, the non-attribute lines that follow it ({@code i=}, {@code c=}, {@code b=}, {@code k=}) in
 * {@code lines}, and its attributes in their original order.
 *
 * <p>{@code portCount} is the optional "/number" of ports, 0 when absent. The typed helpers interpret
 * attributes on demand; they throw {@link SdpParseException} only for models that were built by hand
 * with malformed values, because {@link SessionDescription#parse(String)} already validated the
 * attributes they read.
 */
public record MediaDescription(String kind, int port, int portCount, String protocol, List<String> formats,
                               List<SdpLine> lines, List<SdpAttribute> attributes) {

    public MediaDescription {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(protocol, "protocol");
        formats = List.copyOf(formats);
        lines = List.copyOf(lines);
        attributes = List.copyOf(attributes);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port outside 0..65535: " + port);
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("a media description needs at least one format");
        }
    }

    /** A media description with a single port and no non-attribute lines besides {@code c=}. */
    public static MediaDescription of(String kind, int port, String protocol, List<String> formats,
                                      String connection, List<SdpAttribute> attributes) {
        List<SdpLine> lines = connection == null ? List.of() : List.of(new SdpLine('c', connection));
        return new MediaDescription(kind, port, 0, protocol, formats, lines, attributes);
    }

    /** The {@code m=} line without the line ending. */
    public String mediaLine() {
        return "m=" + kind + " " + port + (portCount > 0 ? "/" + portCount : "") + " " + protocol + " "
                + String.join(" ", formats);
    }

    /** The media-level {@code c=} value (such as "IN IP4 192.0.2.2"), or null when absent. */
    public String connection() {
        for (SdpLine line : lines) {
            if (line.type() == 'c') {
                return line.value();
            }
        }
        return null;
    }

    /** The value of the first attribute called {@code name}; a flag attribute yields "". */
    public Optional<String> attribute(String name) {
        return SdpAttributes.first(attributes, name);
    }

    /** The values of all attributes called {@code name}, in order; flags yield "". */
    public List<String> attributes(String name) {
        return SdpAttributes.all(attributes, name);
    }

    /** True when an attribute called {@code name} is present (flag or value). */
    public boolean has(String name) {
        return attribute(name).isPresent();
    }

    /** {@code a=mid} (RFC 5888 §4, RFC 8843 §7), trimmed, or null when absent. */
    public String mid() {
        return attribute("mid").map(String::trim).orElse(null);
    }

    /**
     * The media-level direction attribute (RFC 8866 §6.7), or "sendrecv" when there is none. A
     * session-level direction is not considered here; see {@link SessionDescription#direction}.
     */
    public String direction() {
        String d = SdpAttributes.direction(attributes);
        return d == null ? "sendrecv" : d;
    }

    /** All {@code a=rtpmap} lines, in order. */
    public List<RtpMap> rtpMaps() {
        return attributes("rtpmap").stream().map(RtpMap::parse).toList();
    }

    /** The {@code a=rtpmap} for {@code pt}, if any. */
    public Optional<RtpMap> rtpMap(int pt) {
        return rtpMaps().stream().filter(m -> m.payloadType() == pt).findFirst();
    }

    /** The parameters of the first {@code a=fmtp:<pt>} line (the text after the payload type), trimmed. */
    public Optional<String> fmtp(int pt) {
        for (String v : attributes("fmtp")) {
            String[] parts = v.trim().split(" +", 2);
            if (parts[0].equals(Integer.toString(pt))) {
                return Optional.of(parts.length == 2 ? parts[1].trim() : "");
            }
        }
        return Optional.empty();
    }

    /**
     * The feedback types of {@code a=rtcp-fb:<pt>} and {@code a=rtcp-fb:*} lines (RFC 4585 §4.2), in
     * order, each as the text after the payload type ("nack", "nack pli", "ccm fir", ...).
     */
    public List<String> rtcpFeedback(int pt) {
        List<String> out = new ArrayList<>();
        String ptText = Integer.toString(pt);
        for (String v : attributes("rtcp-fb")) {
            String[] parts = v.trim().split(" +", 2);
            if (parts.length == 2 && (parts[0].equals(ptText) || parts[0].equals("*"))) {
                out.add(parts[1].trim());
            }
        }
        return List.copyOf(out);
    }

    /** All {@code a=extmap} lines, in order. */
    public List<ExtMap> extMaps() {
        return attributes("extmap").stream().map(ExtMap::parse).toList();
    }

    /** All {@code a=ssrc} lines, in order. */
    public List<SsrcAttribute> ssrcs() {
        return attributes("ssrc").stream().map(SsrcAttribute::parse).toList();
    }

    /** All {@code a=ssrc-group} lines, in order. */
    public List<SsrcGroup> ssrcGroups() {
        return attributes("ssrc-group").stream().map(SsrcGroup::parse).toList();
    }

    /** All {@code a=rid} lines, in order. */
    public List<Rid> rids() {
        return attributes("rid").stream().map(Rid::parse).toList();
    }

    /** The raw {@code a=simulcast} value, such as "send q;h;f", trimmed. */
    public Optional<String> simulcast() {
        return attribute("simulcast").map(String::trim);
    }

    /** The parsed {@code a=simulcast} attribute, if any. */
    public Optional<Simulcast> simulcastDescription() {
        return simulcast().map(Simulcast::parse);
    }

    /** The raw {@code a=msid} value ("<stream id> <track id>", RFC 8830 §2), trimmed. */
    public Optional<String> msid() {
        return attribute("msid").map(String::trim);
    }

    /** Writes the media description with CRLF line endings, starting with the {@code m=} line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64 * (2 + attributes.size()));
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        sb.append(mediaLine()).append("\r\n");
        for (SdpLine line : lines) {
            sb.append(line.line()).append("\r\n");
        }
        for (SdpAttribute a : attributes) {
            sb.append(a.line()).append("\r\n");
        }
    }
}
