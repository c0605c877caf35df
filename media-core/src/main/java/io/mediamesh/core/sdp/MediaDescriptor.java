package io.mediamesh.core.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published track's media description in one line of text, for the cluster's track registry: the codecs the
 * publisher negotiated (with RTX) and its header-extension ids. A node that relays the track to its own viewers
 * rebuilds the {@link NegotiatedMedia} from it, so payload types and extension ids are mapped exactly as if the
 * publisher were local.
 *
 * <p>Format: entries separated by {@code ;}, codec entries {@code c,<name>,<pt>,<clock>,<channels>,<rtxPt>,<fmtp>}
 * (fmtp last, it may contain commas; {@code ;} in fmtp is escaped as {@code %3B}), extension entries
 * {@code x,<id>,<uri>}. Pure; throws {@link IllegalArgumentException} for text it did not write.
 */
public final class MediaDescriptor {
    private MediaDescriptor() {
    }

    /** The descriptor of a publisher's negotiated m-line. */
    public static String encode(NegotiatedMedia media) {
        StringBuilder out = new StringBuilder();
        for (NegotiatedCodec codec : media.codecs()) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append("c,").append(codec.name()).append(',').append(codec.payloadType()).append(',')
                    .append(codec.clockRate()).append(',').append(codec.channels()).append(',')
                    .append(codec.rtxPayloadType()).append(',').append(codec.fmtp().replace(";", "%3B"));
        }
        for (Map.Entry<String, Integer> extension : media.extensions().asMap().entrySet()) {
            out.append(";x,").append(extension.getValue()).append(',').append(extension.getKey());
        }
        return out.toString();
    }

    /** The m-line a relaying node uses for a remote track: codecs, extensions, and the source's SSRC unknown. */
    public static NegotiatedMedia decode(String descriptor, MediaKind kind, String mid) {
        List<NegotiatedCodec> codecs = new ArrayList<>();
        Map<String, Integer> extensions = new LinkedHashMap<>();
        for (String entry : descriptor.split(";")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] fields = entry.split(",", entry.startsWith("c,") ? 7 : 3);
            try {
                if (fields[0].equals("c") && fields.length == 7) {
                    codecs.add(new NegotiatedCodec(fields[1], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                            Integer.parseInt(fields[4]), fields[6].replace("%3B", ";"), Integer.parseInt(fields[5]),
                            List.of("nack", "nack pli", "ccm fir")));
                } else if (fields[0].equals("x") && fields.length == 3) {
                    extensions.put(fields[2], Integer.parseInt(fields[1]));
                } else {
                    throw new IllegalArgumentException("not a media descriptor entry: " + entry);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number in media descriptor entry: " + entry, e);
            }
        }
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("media descriptor without codecs: " + descriptor);
        }
        return new NegotiatedMedia(0, mid, kind, "recvonly", codecs, ExtensionIds.of(extensions), List.of(),
                List.of(), false, null, -1, -1);
    }
}
