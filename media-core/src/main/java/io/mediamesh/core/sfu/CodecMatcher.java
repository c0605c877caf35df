package io.mediamesh.core.sfu;

import io.mediamesh.core.sdp.NegotiatedCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Maps a publisher's payload types to the payload types one subscriber negotiated for the same codec. H264 needs
 * the same packetization-mode and profile (RFC 6184 §8.1); the exact fmtp is preferred when both offer several.
 * Pure; the tables are computed once per attach, never per packet.
 */
public final class CodecMatcher {
    /** Marks a payload type the subscriber cannot receive. */
    public static final byte NONE = -1;

    private CodecMatcher() {
    }

    /** A 128-entry table: {@code table[publisherPt]} = subscriber payload type, or {@link #NONE}. */
    public static byte[] payloadTypeMap(List<NegotiatedCodec> publisher, List<NegotiatedCodec> subscriber) {
        byte[] table = new byte[128];
        Arrays.fill(table, NONE);
        for (NegotiatedCodec source : publisher) {
            NegotiatedCodec match = match(source, subscriber);
            if (match != null) {
                table[source.payloadType() & 0x7f] = (byte) match.payloadType();
            }
        }
        return table;
    }

    /** The subscriber's codec that can carry {@code source}'s packets unchanged, or null. */
    public static NegotiatedCodec match(NegotiatedCodec source, List<NegotiatedCodec> candidates) {
        NegotiatedCodec compatible = null;
        for (NegotiatedCodec candidate : candidates) {
            if (!candidate.name().equals(source.name()) || candidate.clockRate() != source.clockRate()) {
                continue;
            }
            if (candidate.fmtp().equals(source.fmtp())) {
                return candidate;
            }
            if (compatible == null && compatible(source, candidate)) {
                compatible = candidate;
            }
        }
        return compatible;
    }

    static boolean compatible(NegotiatedCodec a, NegotiatedCodec b) {
        if (!"h264".equals(a.name())) {
            return true;
        }
        return param(a.fmtp(), "packetization-mode", "0").equals(param(b.fmtp(), "packetization-mode", "0"))
                && profileIdc(a.fmtp()).equals(profileIdc(b.fmtp()));
    }

    private static String profileIdc(String fmtp) {
        String level = param(fmtp, "profile-level-id", "42001f");
        return level.length() >= 2 ? level.substring(0, 2).toLowerCase(Locale.ROOT) : level;
    }

    static String param(String fmtp, String name, String fallback) {
        for (String part : fmtp.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return part.substring(eq + 1).trim();
            }
        }
        return fallback;
    }
}
