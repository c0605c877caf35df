package io.mediamesh.sip.sdp;

import java.util.Locale;

/** The audio codecs the SIP gateway speaks, as they appear in SDP. */
public enum AudioCodec {
    /** Opus (RFC 7587): always {@code opus/48000/2} in SDP, whatever is actually sent. */
    OPUS("opus", 48000, 2, -1, 111),
    /** G.711 µ-law, static payload type 0. */
    PCMU("PCMU", 8000, 1, 0, 0),
    /** G.711 A-law, static payload type 8. */
    PCMA("PCMA", 8000, 1, 8, 8);

    private final String encoding;
    private final int clockRate;
    private final int channels;
    private final int staticPayloadType;
    private final int defaultPayloadType;

    AudioCodec(String encoding, int clockRate, int channels, int staticPayloadType, int defaultPayloadType) {
        this.encoding = encoding;
        this.clockRate = clockRate;
        this.channels = channels;
        this.staticPayloadType = staticPayloadType;
        this.defaultPayloadType = defaultPayloadType;
    }

    /** The encoding name of the rtpmap. */
    public String encoding() {
        return encoding;
    }

    public int clockRate() {
        return clockRate;
    }

    public int channels() {
        return channels;
    }

    /** The payload type we use when we offer it. */
    public int defaultPayloadType() {
        return defaultPayloadType;
    }

    /** The rtpmap value, e.g. {@code PCMU/8000} or {@code opus/48000/2}. */
    public String rtpmap() {
        return channels == 1 ? encoding + "/" + clockRate : encoding + "/" + clockRate + "/" + channels;
    }

    /** Whether an offered format is this codec (names case-insensitive; static types without rtpmap count). */
    public boolean matches(RtpFormat format) {
        if (format.encoding() == null) {
            return format.payloadType() == staticPayloadType;
        }
        return format.encoding().toLowerCase(Locale.ROOT).equals(encoding.toLowerCase(Locale.ROOT))
                && format.clockRate() == clockRate && (channels == 1 || format.channels() == channels);
    }
}
