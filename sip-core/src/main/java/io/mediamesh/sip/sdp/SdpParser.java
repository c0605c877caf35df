package io.mediamesh.sip.sdp;

import io.mediamesh.sip.sdp.SdpNegotiationException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the SDP of a SIP call into a {@link SessionDescription}: lines end with CRLF or LF; session-level c= and
 * direction apply to every m= section that does not override them; rtpmap and fmtp attach to the payload type they
 * name; unknown lines are skipped. Lenient where phones differ (spacing, case of encoding names), strict where the
 * answer depends on it (m= and c= syntax).
 */
public final class SdpParser {
    private SdpParser() {
    }

    /** Parses {@code sdp}; throws {@link Reason#MALFORMED} when it is not usable SDP. */
    public static SessionDescription parse(String sdp) throws SdpNegotiationException {
        if (sdp == null || !sdp.stripLeading().startsWith("v=")) {
            throw new SdpNegotiationException(Reason.MALFORMED, "no v= line");
        }
        String origin = null;
        String sessionConnection = null;
        MediaDirection sessionDirection = null;
        List<MediaDescription> media = new ArrayList<>();
        Section section = null;
        for (String rawLine : sdp.split("\r?\n")) {
            String line = rawLine.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String value = line.substring(2).strip();
            switch (line.charAt(0)) {
                case 'o' -> origin = value;
                case 'c' -> {
                    String address = connectionAddress(value);
                    if (section == null) {
                        sessionConnection = address;
                    } else {
                        section.connection = address;
                    }
                }
                case 'm' -> {
                    if (section != null) {
                        media.add(section.build(sessionConnection, sessionDirection));
                    }
                    section = new Section(value);
                }
                case 'a' -> {
                    MediaDirection direction = MediaDirection.of(value);
                    if (direction != null) {
                        if (section == null) {
                            sessionDirection = direction;
                        } else {
                            section.direction = direction;
                        }
                    } else if (section != null) {
                        section.attribute(value);
                    }
                }
                default -> {
                    // v=, s=, t=, b=, i=, ...: nothing the audio call depends on
                }
            }
        }
        if (section != null) {
            media.add(section.build(sessionConnection, sessionDirection));
        }
        return new SessionDescription(origin, List.copyOf(media));
    }

    /** The address of {@code IN IP4 192.0.2.1} (a TTL or count suffix dropped). */
    private static String connectionAddress(String value) throws SdpNegotiationException {
        String[] parts = value.split("\\s+");
        if (parts.length < 3 || !parts[0].equals("IN") || !(parts[1].equals("IP4") || parts[1].equals("IP6"))) {
            throw new SdpNegotiationException(Reason.MALFORMED, "c=" + value);
        }
        int slash = parts[2].indexOf('/');
        return slash < 0 ? parts[2] : parts[2].substring(0, slash);
    }

    private static int number(String text, String what) throws SdpNegotiationException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new SdpNegotiationException(Reason.MALFORMED, what + " '" + text + "'");
        }
    }

    /** An m= section being read. */
    private static final class Section {
        private final String media;
        private final int port;
        private final String protocol;
        private final List<Integer> payloadTypes = new ArrayList<>();
        private final List<String> encodings = new ArrayList<>();
        private final List<Integer> clockRates = new ArrayList<>();
        private final List<Integer> channels = new ArrayList<>();
        private final List<String> fmtps = new ArrayList<>();
        private String connection;
        private MediaDirection direction;
        private int ptime;

        Section(String value) throws SdpNegotiationException {
            String[] parts = value.split("\\s+");
            if (parts.length < 3) {
                throw new SdpNegotiationException(Reason.MALFORMED, "m=" + value);
            }
            media = parts[0];
            String port = parts[1];
            int slash = port.indexOf('/');
            this.port = number(slash < 0 ? port : port.substring(0, slash), "m= port");
            protocol = parts[2];
            boolean rtp = protocol.startsWith("RTP/");
            for (int i = 3; i < parts.length; i++) {
                if (rtp) {
                    int payloadType = number(parts[i], "payload type");
                    if (payloadType < 0 || payloadType > 127) {
                        throw new SdpNegotiationException(Reason.MALFORMED, "payload type " + payloadType);
                    }
                    payloadTypes.add(payloadType);
                    encodings.add(null);
                    clockRates.add(0);
                    channels.add(1);
                    fmtps.add(null);
                }
            }
        }

        void attribute(String value) throws SdpNegotiationException {
            int colon = value.indexOf(':');
            if (colon < 0) {
                return;
            }
            String name = value.substring(0, colon);
            String rest = value.substring(colon + 1).strip();
            switch (name) {
                case "ptime" -> ptime = number(rest, "ptime");
                case "rtpmap", "fmtp" -> {
                    int space = rest.indexOf(' ');
                    if (space < 0) {
                        throw new SdpNegotiationException(Reason.MALFORMED, "a=" + value);
                    }
                    int index = payloadTypes.indexOf(number(rest.substring(0, space), name + " payload type"));
                    if (index < 0) {
                        return; // describes a payload type the m= line does not list
                    }
                    String parameters = rest.substring(space + 1).strip();
                    if (name.equals("fmtp")) {
                        fmtps.set(index, parameters);
                    } else {
                        String[] map = parameters.split("/");
                        if (map.length < 2) {
                            throw new SdpNegotiationException(Reason.MALFORMED, "a=" + value);
                        }
                        encodings.set(index, map[0]);
                        clockRates.set(index, number(map[1], "clock rate"));
                        channels.set(index, map.length > 2 ? number(map[2], "channels") : 1);
                    }
                }
                default -> {
                    // rtcp, rtcp-fb, ssrc, ...: not needed for the audio call
                }
            }
        }

        MediaDescription build(String sessionConnection, MediaDirection sessionDirection) {
            List<RtpFormat> formats = new ArrayList<>(payloadTypes.size());
            for (int i = 0; i < payloadTypes.size(); i++) {
                String encoding = encodings.get(i);
                int payloadType = payloadTypes.get(i);
                if (encoding == null && (payloadType == 0 || payloadType == 8)) {
                    formats.add(new RtpFormat(payloadType, null, 8000, 1, fmtps.get(i))); // RFC 3551 static types
                } else {
                    formats.add(new RtpFormat(payloadType, encoding, clockRates.get(i), channels.get(i),
                            fmtps.get(i)));
                }
            }
            MediaDirection effective = direction != null ? direction
                    : sessionDirection != null ? sessionDirection : MediaDirection.SENDRECV;
            return new MediaDescription(media, port, protocol, List.copyOf(formats),
                    connection != null ? connection : sessionConnection, effective, ptime);
        }
    }
}
