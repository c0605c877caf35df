package io.mediamesh.sip.sdp;

import io.mediamesh.sip.sdp.SdpNegotiationException.Reason;
import java.util.List;

/**
 * SDP offer/answer (RFC 3264) for the gateway's SIP audio calls: one audio stream, plain RTP, 20 ms packets.
 *
 * <ul>
 *   <li>{@link #answer} answers a phone's offer: the first audio m= section with a non-zero port and plain RTP
 *       ({@code RTP/AVP}, {@code RTP/AVPF}) is taken, its codec chosen by our preference order (Opus 48000/2, then
 *       PCMU, then PCMA by default) with the offerer's payload type, and {@code telephone-event} at the codec's
 *       clock rate kept with the offerer's payload type. The answer mirrors the direction (sendonly answered
 *       recvonly, inactive inactive) and rejects every other m= section with port 0. An old-style hold
 *       ({@code c=0.0.0.0}) is answered without sending.</li>
 *   <li>{@link #offer} writes our offer for an outgoing call: Opus when enabled, PCMU, PCMA, and
 *       {@code telephone-event} 101 at 8000 Hz (and 110 at 48000 Hz with Opus); {@link #acceptAnswer} reads the
 *       answer to it.</li>
 * </ul>
 * Nothing acceptable throws {@link SdpNegotiationException} with the reason, for a 488 Not Acceptable Here. Session
 * id and version come from the caller (this code reads no clock and draws no random numbers).
 */
public final class SipSdp {
    /** The payload type of telephone-event/8000 in our offers. */
    public static final int TELEPHONE_EVENT_PT = 101;
    /** The payload type of telephone-event/48000 in our offers with Opus. */
    public static final int TELEPHONE_EVENT_48K_PT = 110;
    /** Our packet time. */
    public static final int PTIME = 20;

    private static final String CRLF = "\r\n";
    private static final String OPUS_FMTP = "minptime=10;useinbandfec=1";
    private static final String EVENTS_FMTP = "0-16";

    private final String localAddress;
    private final List<AudioCodec> preference;

    /**
     * @param localAddress the address our RTP is received on (IPv4 or IPv6 literal), for o= and c=
     * @param preference   the codecs we accept, most preferred first (leave Opus out to disable it)
     */
    public SipSdp(String localAddress, List<AudioCodec> preference) {
        if (localAddress == null || localAddress.isBlank() || preference.isEmpty()) {
            throw new IllegalArgumentException("an address and at least one codec are needed");
        }
        this.localAddress = localAddress;
        this.preference = List.copyOf(preference);
    }

    /** Opus > PCMU > PCMA, or PCMU > PCMA when Opus is disabled. */
    public static SipSdp withDefaults(String localAddress, boolean opusEnabled) {
        return new SipSdp(localAddress, opusEnabled ? List.of(AudioCodec.OPUS, AudioCodec.PCMU, AudioCodec.PCMA)
                : List.of(AudioCodec.PCMU, AudioCodec.PCMA));
    }

    /**
     * Answers {@code offerSdp}, our RTP being received on {@code localPort}.
     *
     * @throws SdpNegotiationException when the offer is malformed or has nothing we accept (answer 488)
     */
    public SdpAnswer answer(String offerSdp, int localPort, long sessionId, long sessionVersion)
            throws SdpNegotiationException {
        SessionDescription offer = SdpParser.parse(offerSdp);
        int chosenIndex = -1;
        boolean anyAudio = false;
        for (int i = 0; i < offer.media().size() && chosenIndex < 0; i++) {
            MediaDescription media = offer.media().get(i);
            if (media.media().equals("audio") && media.port() != 0) {
                anyAudio = true;
                if (isPlainRtp(media.protocol())) {
                    chosenIndex = i;
                }
            }
        }
        if (chosenIndex < 0) {
            throw anyAudio ? new SdpNegotiationException(Reason.UNSUPPORTED_TRANSPORT, "no RTP/AVP audio stream")
                    : new SdpNegotiationException(Reason.NO_AUDIO, "no audio stream with a port");
        }
        MediaDescription audio = offer.media().get(chosenIndex);
        if (audio.connection() == null) {
            throw new SdpNegotiationException(Reason.MALFORMED, "no c= line for the audio stream");
        }
        RtpFormat chosen = null;
        AudioCodec codec = null;
        for (AudioCodec candidate : preference) {
            for (RtpFormat format : audio.formats()) {
                if (candidate.matches(format)) {
                    chosen = format;
                    codec = candidate;
                    break;
                }
            }
            if (chosen != null) {
                break;
            }
        }
        if (chosen == null) {
            throw new SdpNegotiationException(Reason.NO_COMMON_CODEC, "offered " + audio.formatList());
        }
        RtpFormat events = telephoneEvent(audio, codec.clockRate());

        boolean oldStyleHold = isNullAddress(audio.connection());
        boolean hold = oldStyleHold || !audio.direction().receives();
        MediaDirection local = audio.direction().answer();
        if (oldStyleHold) {
            local = local.receives() ? MediaDirection.RECVONLY : MediaDirection.INACTIVE; // nowhere to send to
        }
        NegotiatedAudio negotiated = new NegotiatedAudio(codec, chosen.payloadType(),
                events == null ? -1 : events.payloadType(), audio.connection(), audio.port(), local, hold,
                audio.ptime());

        StringBuilder sdp = header(sessionId, sessionVersion);
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription media = offer.media().get(i);
            if (i != chosenIndex) {
                sdp.append("m=").append(media.media()).append(" 0 ").append(media.protocol());
                sdp.append(' ').append(media.formats().isEmpty() ? "0" : media.formatList()).append(CRLF);
                continue;
            }
            sdp.append("m=audio ").append(localPort).append(' ').append(media.protocol()).append(' ')
                    .append(chosen.payloadType());
            if (events != null) {
                sdp.append(' ').append(events.payloadType());
            }
            sdp.append(CRLF);
            codecLines(sdp, codec, chosen.payloadType());
            if (events != null) {
                eventLines(sdp, events.payloadType(), events.clockRate());
            }
            sdp.append("a=ptime:").append(PTIME).append(CRLF);
            sdp.append("a=").append(local.attribute()).append(CRLF);
        }
        return new SdpAnswer(negotiated, sdp.toString());
    }

    /** Our offer for an outgoing call (or a re-INVITE: {@code direction} sendonly puts the call on hold). */
    public String offer(int localPort, MediaDirection direction, long sessionId, long sessionVersion) {
        StringBuilder sdp = header(sessionId, sessionVersion);
        boolean opus = preference.contains(AudioCodec.OPUS);
        sdp.append("m=audio ").append(localPort).append(" RTP/AVP");
        for (AudioCodec codec : preference) {
            sdp.append(' ').append(codec.defaultPayloadType());
        }
        sdp.append(' ').append(TELEPHONE_EVENT_PT);
        if (opus) {
            sdp.append(' ').append(TELEPHONE_EVENT_48K_PT);
        }
        sdp.append(CRLF);
        for (AudioCodec codec : preference) {
            codecLines(sdp, codec, codec.defaultPayloadType());
        }
        eventLines(sdp, TELEPHONE_EVENT_PT, 8000);
        if (opus) {
            eventLines(sdp, TELEPHONE_EVENT_48K_PT, 48000);
        }
        sdp.append("a=ptime:").append(PTIME).append(CRLF);
        sdp.append("a=").append(direction.attribute()).append(CRLF);
        return sdp.toString();
    }

    /**
     * Reads the answer to an offer made by {@link #offer}: the first audio section, the first of its codecs we
     * offered, and the telephone-event at that codec's rate.
     */
    public NegotiatedAudio acceptAnswer(String answerSdp) throws SdpNegotiationException {
        SessionDescription answer = SdpParser.parse(answerSdp);
        if (answer.media().isEmpty() || !answer.media().get(0).media().equals("audio")
                || answer.media().get(0).port() == 0) {
            throw new SdpNegotiationException(Reason.NO_AUDIO, "the audio stream was rejected");
        }
        MediaDescription audio = answer.media().get(0);
        if (audio.connection() == null) {
            throw new SdpNegotiationException(Reason.MALFORMED, "no c= line for the audio stream");
        }
        for (RtpFormat format : audio.formats()) {
            for (AudioCodec codec : preference) {
                if (codec.matches(format)) {
                    RtpFormat events = telephoneEvent(audio, codec.clockRate());
                    boolean oldStyleHold = isNullAddress(audio.connection());
                    MediaDirection local = audio.direction().answer();
                    if (oldStyleHold) {
                        local = local.receives() ? MediaDirection.RECVONLY : MediaDirection.INACTIVE;
                    }
                    return new NegotiatedAudio(codec, format.payloadType(), events == null ? -1
                            : events.payloadType(), audio.connection(), audio.port(), local,
                            oldStyleHold || !audio.direction().receives(), audio.ptime());
                }
            }
        }
        throw new SdpNegotiationException(Reason.NO_COMMON_CODEC, "answered " + audio.formatList());
    }

    private StringBuilder header(long sessionId, long sessionVersion) {
        String addressLine = (localAddress.indexOf(':') >= 0 ? "IN IP6 " : "IN IP4 ") + localAddress;
        return new StringBuilder(320)
                .append("v=0").append(CRLF)
                .append("o=MediaMesh ").append(sessionId).append(' ').append(sessionVersion).append(' ')
                .append(addressLine).append(CRLF)
                .append("s=MediaMesh").append(CRLF)
                .append("c=").append(addressLine).append(CRLF)
                .append("t=0 0").append(CRLF);
    }

    private static void codecLines(StringBuilder sdp, AudioCodec codec, int payloadType) {
        sdp.append("a=rtpmap:").append(payloadType).append(' ').append(codec.rtpmap()).append(CRLF);
        if (codec == AudioCodec.OPUS) {
            sdp.append("a=fmtp:").append(payloadType).append(' ').append(OPUS_FMTP).append(CRLF);
        }
    }

    private static void eventLines(StringBuilder sdp, int payloadType, int clockRate) {
        sdp.append("a=rtpmap:").append(payloadType).append(" telephone-event/").append(clockRate).append(CRLF);
        sdp.append("a=fmtp:").append(payloadType).append(' ').append(EVENTS_FMTP).append(CRLF);
    }

    private static RtpFormat telephoneEvent(MediaDescription audio, int clockRate) {
        for (RtpFormat format : audio.formats()) {
            if (format.isTelephoneEvent() && format.clockRate() == clockRate) {
                return format;
            }
        }
        return null;
    }

    private static boolean isPlainRtp(String protocol) {
        return protocol.equals("RTP/AVP") || protocol.equals("RTP/AVPF");
    }

    private static boolean isNullAddress(String address) {
        return address.equals("0.0.0.0") || address.equals("::");
    }

    /** The codecs this negotiator accepts, most preferred first. */
    public List<AudioCodec> preference() {
        return preference;
    }
}
