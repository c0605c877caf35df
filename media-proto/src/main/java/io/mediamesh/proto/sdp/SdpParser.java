package io.mediamesh.proto.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Line-oriented SDP parser (RFC 8866 §5, §9). It enforces the field order of the grammar
 * ({@code v o s i u e p c b t r z k a} at session level, {@code i c b k a} per media) because the model
 * re-serialises fields before attributes: accepting another order would silently reorder the text.
 * Attributes whose values the typed helpers read are validated here, so errors carry a line number.
 */
final class SdpParser {

    /** Session-level field types in RFC 8866 order; 't' and 'r' share a rank because they repeat together. */
    private static final String SESSION_ORDER = "vosiuepcbtrzka";
    private static final String MEDIA_ORDER = "icbka";

    private SdpParser() {
    }

    static SessionDescription parse(String text) {
        String[] rawLines = text.split("\n", -1);
        int count = rawLines.length;
        // A final line ending leaves one empty element; trailing blank lines are tolerated as well.
        while (count > 0 && stripCr(rawLines[count - 1]).isEmpty()) {
            count--;
        }
        if (count == 0) {
            throw new SdpParseException(1, "missing v= line (the description is empty)");
        }
        List<SdpLine> sessionLines = new ArrayList<>();
        List<SdpAttribute> sessionAttributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;
        int lastRank = -1;
        String seenOnce = "";
        for (int i = 0; i < count; i++) {
            int lineNo = i + 1;
            String line = stripCr(rawLines[i]);
            checkShape(line, lineNo);
            char type = line.charAt(0);
            String value = line.substring(2);
            if (i == 0) {
                if (type != 'v') {
                    throw new SdpParseException(lineNo, "missing v= line: a description must start with v=0, got '"
                            + abbreviate(line) + "'");
                }
                if (!value.equals("0")) {
                    throw new SdpParseException(lineNo, "unsupported SDP version v=" + abbreviate(value) + " (only v=0)");
                }
            }
            if (type == 'm') {
                if (current == null) {
                    checkSessionComplete(sessionLines, lineNo);
                } else {
                    media.add(current.build());
                }
                current = new MediaBuilder(parseMediaLine(value, lineNo));
                lastRank = -1;
                seenOnce = "";
                continue;
            }
            String order = current == null ? SESSION_ORDER : MEDIA_ORDER;
            int rank = order.indexOf(type);
            if (rank < 0) {
                throw new SdpParseException(lineNo, SESSION_ORDER.indexOf(type) >= 0 || type == 'm'
                        ? "'" + type + "=' is not allowed inside a media description"
                        : "unknown line type '" + type + "='");
            }
            if (type == 'r') {
                rank = order.indexOf('t');
                if (lastRank != rank) {
                    throw new SdpParseException(lineNo, "'r=' must follow a 't=' line");
                }
            }
            if (rank < lastRank) {
                throw new SdpParseException(lineNo, "'" + type + "=' is out of order (RFC 8866 §5 order is "
                        + (current == null ? "v o s i u e p c b t r z k a m" : "m i c b k a") + ")");
            }
            boolean oncePerSection = current == null ? "vosiuzk".indexOf(type) >= 0 : "ik".indexOf(type) >= 0;
            if (oncePerSection) {
                if (seenOnce.indexOf(type) >= 0) {
                    throw new SdpParseException(lineNo, "duplicate '" + type + "=' line");
                }
                seenOnce += type;
            }
            lastRank = rank;
            if (type == 'a') {
                SdpAttribute attribute = parseAttribute(value, lineNo);
                (current == null ? sessionAttributes : current.attributes).add(attribute);
            } else {
                checkField(type, value, lineNo);
                (current == null ? sessionLines : current.lines).add(new SdpLine(type, value));
            }
        }
        if (current == null) {
            checkSessionComplete(sessionLines, count + 1);
        } else {
            media.add(current.build());
        }
        return new SessionDescription(sessionLines, sessionAttributes, media);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static void checkShape(String line, int lineNo) {
        if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
            throw new SdpParseException(lineNo, "expected '<type>=<value>' with a lower-case type letter, got '"
                    + abbreviate(line) + "'");
        }
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == '\0') {
                throw new SdpParseException(lineNo, "control character 0x" + Integer.toHexString(c) + " inside the line");
            }
        }
    }

    private static void checkSessionComplete(List<SdpLine> lines, int lineNo) {
        String types = lines.stream().map(l -> String.valueOf(l.type())).reduce("", String::concat);
        for (char required : new char[] {'o', 's', 't'}) {
            if (types.indexOf(required) < 0) {
                throw new SdpParseException(lineNo, "missing " + required + "= line before the first m= line");
            }
        }
    }

    private static void checkField(char type, String value, int lineNo) {
        switch (type) {
            case 'o' -> {
                if (value.split(" ", -1).length != 6 || value.contains("  ")) {
                    throw new SdpParseException(lineNo, "o= needs 6 space-separated fields "
                            + "'<username> <sess-id> <sess-version> <nettype> <addrtype> <address>', got '"
                            + abbreviate(value) + "'");
                }
            }
            case 'c' -> {
                if (value.split(" ", -1).length != 3) {
                    throw new SdpParseException(lineNo, "c= needs '<nettype> <addrtype> <address>', got '"
                            + abbreviate(value) + "'");
                }
            }
            case 't' -> {
                String[] parts = value.split(" ", -1);
                if (parts.length != 2 || !parts[0].chars().allMatch(Character::isDigit)
                        || !parts[1].chars().allMatch(Character::isDigit) || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw new SdpParseException(lineNo, "t= needs '<start> <stop>' as decimal numbers, got '"
                            + abbreviate(value) + "'");
                }
            }
            default -> {
                // i=, u=, e=, p=, b=, r=, z= and k= are kept verbatim; nothing here interprets them.
            }
        }
    }

    private static MediaDescription parseMediaLine(String value, int lineNo) {
        String[] parts = value.split(" ", -1);
        if (parts.length < 4) {
            throw new SdpParseException(lineNo, "bad m= line: needs '<media> <port> <proto> <fmt> ...', got 'm="
                    + abbreviate(value) + "'");
        }
        for (String p : parts) {
            if (p.isEmpty() || !SdpTokens.isToken(p.replace('/', '.'))) {
                throw new SdpParseException(lineNo, "bad m= line: fields must be tokens separated by single spaces, got 'm="
                        + abbreviate(value) + "'");
            }
        }
        String portText = parts[1];
        int portCount = 0;
        int slash = portText.indexOf('/');
        try {
            if (slash >= 0) {
                portCount = SdpTokens.parseUnsignedInt(portText.substring(slash + 1), "m= port count");
                portText = portText.substring(0, slash);
            }
            int port = SdpTokens.parseUnsignedInt(portText, "m= port");
            if (port > 65535) {
                throw new SdpParseException("m= port " + port + " is outside 0..65535");
            }
            List<String> formats = List.of(parts).subList(3, parts.length);
            return new MediaDescription(parts[0], port, portCount, parts[2], formats, List.of(), List.of());
        } catch (SdpParseException e) {
            throw new SdpParseException(lineNo, "bad m= line: " + e.getMessage());
        }
    }

    private static SdpAttribute parseAttribute(String value, int lineNo) {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (!SdpTokens.isToken(name)) {
            throw new SdpParseException(lineNo, "attribute name is not a token: 'a=" + abbreviate(value) + "'");
        }
        String attrValue = colon < 0 ? null : value.substring(colon + 1);
        try {
            AttributeChecks.check(name, attrValue);
        } catch (SdpParseException e) {
            throw new SdpParseException(lineNo, e.getMessage());
        }
        return new SdpAttribute(name, attrValue);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Collects the lines of one media description until the next {@code m=} or the end. */
    private static final class MediaBuilder {
        private final MediaDescription header;
        private final List<SdpLine> lines = new ArrayList<>();
        private final List<SdpAttribute> attributes = new ArrayList<>();

        MediaBuilder(MediaDescription header) {
            this.header = header;
        }

        MediaDescription build() {
            return new MediaDescription(header.kind(), header.port(), header.portCount(), header.protocol(),
                    header.formats(), lines, attributes);
        }
    }
}
