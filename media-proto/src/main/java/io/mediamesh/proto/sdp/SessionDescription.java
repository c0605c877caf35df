package io.mediamesh.proto.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866 §5): the session-level non-attribute lines ({@code v=}, {@code o=},
 * {@code s=}, {@code t=}, ...) in {@code lines}, the session-level attributes and the media
 * descriptions, each in their original order.
 *
 * <pre>
 *   v=0                                  lines
 *   o=- 8069985026172940367 2 IN IP4 127.0.0.1
 *   s=-
 *   t=0 0
 *   a=group:BUNDLE 0 1                   attributes
 *   m=audio 55012 UDP/TLS/RTP/SAVPF 111  media.get(0)
 *   ...
 * </pre>
 *
 * <p>{@link #toString()} writes the model with CRLF line endings; for parsed text it reproduces the
 * input exactly, except that LF-only line endings become CRLF.
 */
public record SessionDescription(List<SdpLine> lines, List<SdpAttribute> attributes, List<MediaDescription> media) {

    public SessionDescription {
        lines = List.copyOf(lines);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /**
     * Parses SDP text with CRLF or LF line endings.
     *
     * @throws SdpParseException naming the line number and the problem: missing or misplaced
     *     {@code v=}/{@code o=}/{@code s=}/{@code t=}, an unknown line type, a line that is not
     *     {@code <type>=<value>}, a bad {@code m=} line, or a malformed rtpmap, fmtp, rtcp-fb, extmap,
     *     ssrc, ssrc-group, rid, simulcast, fingerprint, mid or group attribute
     */
    public static SessionDescription parse(String text) {
        return SdpParser.parse(Objects.requireNonNull(text, "text"));
    }

    /** The {@code o=} value. */
    public String origin() {
        return field('o');
    }

    /** The {@code s=} value. */
    public String sessionName() {
        return field('s');
    }

    /** The session-level {@code c=} value, or null when absent. */
    public String connection() {
        return field('c');
    }

    private String field(char type) {
        for (SdpLine line : lines) {
            if (line.type() == type) {
                return line.value();
            }
        }
        return null;
    }

    /** The value of the first session-level attribute called {@code name}; a flag yields "". */
    public Optional<String> attribute(String name) {
        return SdpAttributes.first(attributes, name);
    }

    /** The values of all session-level attributes called {@code name}, in order; flags yield "". */
    public List<String> attributes(String name) {
        return SdpAttributes.all(attributes, name);
    }

    /**
     * The identification tags of the first {@code a=group:BUNDLE} (RFC 8843 §7.1), in order; empty
     * when the description has no BUNDLE group. The first tag is the offerer's tagged m-line.
     */
    public List<String> bundleGroup() {
        for (String g : attributes("group")) {
            String[] parts = g.trim().split(" +");
            if (parts[0].equals("BUNDLE")) {
                return List.copyOf(Arrays.asList(parts).subList(1, parts.length));
            }
        }
        return List.of();
    }

    /** True when the session level carries {@code a=ice-lite} (RFC 8839 §5.3). */
    public boolean iceLite() {
        return attribute("ice-lite").isPresent();
    }

    /** {@code a=ice-ufrag} (RFC 8839 §5.4) of {@code m}, falling back to the session level, trimmed. */
    public Optional<String> iceUfrag(MediaDescription m) {
        return resolve(m, "ice-ufrag");
    }

    /** {@code a=ice-pwd} (RFC 8839 §5.4) of {@code m}, falling back to the session level, trimmed. */
    public Optional<String> icePwd(MediaDescription m) {
        return resolve(m, "ice-pwd");
    }

    /** {@code a=setup} (RFC 4145 §4, RFC 8842) of {@code m}, falling back to the session level, trimmed. */
    public Optional<String> setup(MediaDescription m) {
        return resolve(m, "setup");
    }

    /**
     * The {@code a=fingerprint} lines (RFC 8122 §5) of {@code m}, or those of the session level when
     * {@code m} has none.
     */
    public List<Fingerprint> fingerprints(MediaDescription m) {
        List<String> values = m.attributes("fingerprint");
        if (values.isEmpty()) {
            values = attributes("fingerprint");
        }
        List<Fingerprint> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(Fingerprint.parse(v));
        }
        return List.copyOf(out);
    }

    /** The first fingerprint that {@link #fingerprints(MediaDescription)} finds. */
    public Optional<Fingerprint> fingerprint(MediaDescription m) {
        return fingerprints(m).stream().findFirst();
    }

    /**
     * The direction of {@code m} (RFC 8866 §6.7): its own direction attribute, else the session-level
     * one, else "sendrecv".
     */
    public String direction(MediaDescription m) {
        String d = SdpAttributes.direction(m.attributes());
        if (d == null) {
            d = SdpAttributes.direction(attributes);
        }
        return d == null ? "sendrecv" : d;
    }

    /** The media description whose {@code a=mid} is {@code mid}, if any. */
    public Optional<MediaDescription> mediaByMid(String mid) {
        return media.stream().filter(m -> mid.equals(m.mid())).findFirst();
    }

    private Optional<String> resolve(MediaDescription m, String name) {
        Optional<String> v = m.attribute(name);
        return (v.isPresent() ? v : attribute(name)).map(String::trim);
    }

    /** Writes the description with CRLF line endings (RFC 8866 §5), ending with a CRLF. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(2048);
        for (SdpLine line : lines) {
            sb.append(line.line()).append("\r\n");
        }
        for (SdpAttribute a : attributes) {
            sb.append(a.line()).append("\r\n");
        }
        for (MediaDescription m : media) {
            m.appendTo(sb);
        }
        return sb.toString();
    }
}
