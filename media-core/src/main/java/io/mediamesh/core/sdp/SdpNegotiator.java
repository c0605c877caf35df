package io.mediamesh.core.sdp;

import io.mediamesh.proto.sdp.ExtMap;
import io.mediamesh.proto.sdp.MediaDescription;
import io.mediamesh.proto.sdp.Rid;
import io.mediamesh.proto.sdp.SdpParseException;
import io.mediamesh.proto.sdp.SessionDescription;
import io.mediamesh.proto.sdp.Simulcast;
import io.mediamesh.proto.sdp.SsrcAttribute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Answers a WHIP (publish) or WHEP (subscribe) offer. The answer keeps the offer's m-line order and
 * count (RFC 8829 §5.3.1), bundles every accepted m-line on one ICE-lite transport (RFC 8843), and
 * rejects with port 0 the m-lines it cannot serve: non-RTP media (data channels), m-lines outside
 * the BUNDLE group and m-lines without a supported codec. Offers that cannot work at all (not
 * bundled, no rtcp-mux, no ICE credentials or fingerprint, plain RTP/AVP, nothing acceptable) fail
 * with a {@link NegotiationException} naming the problem.
 */
public final class SdpNegotiator {

    /**
     * Header extensions the answer keeps, with the offered ids. transport-wide-cc is kept both ways: the node sends
     * publishers transport-wide feedback, and numbers what it sends subscribers so their feedback drives its
     * send-side estimator.
     */
    static final Set<String> KEPT_EXTENSIONS = Set.of(RtpExtensionUris.MID, RtpExtensionUris.RID,
            RtpExtensionUris.REPAIRED_RID, RtpExtensionUris.ABS_SEND_TIME, RtpExtensionUris.SSRC_AUDIO_LEVEL,
            RtpExtensionUris.VIDEO_ORIENTATION, RtpExtensionUris.TRANSPORT_WIDE_CC);

    private static final long SSRC_MASK = 0xFFFF_FFFFL;

    private SdpNegotiator() {
    }

    /**
     * Builds the answer to {@code offerSdp}.
     *
     * @param role        PUBLISH answers recvonly (WHIP), SUBSCRIBE answers sendonly (WHEP)
     * @param local       our ICE-lite credentials, DTLS fingerprint and host candidates
     * @param ssrcSource  supplies our send SSRCs for SUBSCRIBE (low 32 bits used), called for each
     *                    sending m-line in offer order: media SSRC first, then the RTX SSRC if RTX was
     *                    negotiated; never called for PUBLISH
     * @throws NegotiationException with a message for the client when the offer cannot be answered
     */
    public static NegotiationResult answer(String offerSdp, MediaRole role, LocalTransport local,
                                           LongSupplier ssrcSource) {
        return answer(offerSdp, role, local, (mid, rtx) -> ssrcSource.getAsLong());
    }

    /** Chooses the SSRCs we send with on a SUBSCRIBE m-line: a renegotiation keeps those of the mids it already had. */
    @FunctionalInterface
    public interface SsrcAssigner {
        /** The SSRC (low 32 bits used) for the m-line {@code mid}: its media SSRC, or its RTX SSRC when {@code rtx}. */
        long ssrc(String mid, boolean rtx);
    }

    /**
     * Like {@link #answer(String, MediaRole, LocalTransport, LongSupplier)}, with the send SSRCs chosen per mid, so a
     * renegotiation (a new offer on a live session, RFC 8829 §5.3) keeps the SSRCs of the m-lines it had before.
     */
    public static NegotiationResult answer(String offerSdp, MediaRole role, LocalTransport local,
                                           SsrcAssigner ssrcSource) {
        SessionDescription offer;
        try {
            offer = SessionDescription.parse(offerSdp);
        } catch (SdpParseException e) {
            throw new NegotiationException("offer is not valid SDP: " + e.getMessage(), e);
        }
        if (offer.media().isEmpty()) {
            throw new NegotiationException("offer has no m-lines");
        }
        List<String> bundle = offer.bundleGroup();
        if (bundle.isEmpty()) {
            throw new NegotiationException("offer is not bundled (a=group:BUNDLE missing)");
        }
        MediaDescription tagged = offer.mediaByMid(bundle.get(0)).orElseThrow(() -> new NegotiationException(
                "a=group:BUNDLE names mid " + bundle.get(0) + " but no m-line has a=mid:" + bundle.get(0)));
        RemoteTransport remote = TransportReader.read(offer, tagged);

        List<NegotiatedMedia> negotiated = new ArrayList<>();
        List<MediaDescription> answerMedia = new ArrayList<>();
        List<String> acceptedMids = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        Set<String> mids = new HashSet<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            String mid = m.mid();
            if (mid == null) {
                throw new NegotiationException("m-line " + i + " has no a=mid (BUNDLE needs one per m-line, RFC 8843 §7.2)");
            }
            if (!mids.add(mid)) {
                throw new NegotiationException("m-line " + i + " repeats a=mid:" + mid);
            }
            String label = "m-line " + i + " (mid " + mid + ")";
            String rejection = rejection(m, bundle, label);
            CodecSelector.Selection selection = null;
            if (rejection == null) {
                selection = CodecSelector.select(m, MediaKind.fromSdp(m.kind()), role);
                if (selection.codecs().isEmpty()) {
                    rejection = "no supported codec in m=" + m.kind() + " (offered: "
                            + String.join(", ", selection.refused()) + ")";
                }
            }
            if (rejection != null) {
                rejections.add(label + ": " + rejection);
                answerMedia.add(AnswerWriter.rejected(m));
                negotiated.add(new NegotiatedMedia(i, mid, MediaKind.fromSdp(m.kind()), "inactive", List.of(),
                        ExtensionIds.empty(), List.of(), List.of(), false, null, -1, -1));
                continue;
            }
            Accepted accepted = accept(i, m, offer, role, selection, local, ssrcSource);
            answerMedia.add(AnswerWriter.accepted(accepted.answer(), local));
            negotiated.add(accepted.media());
            acceptedMids.add(mid);
        }
        if (acceptedMids.isEmpty()) {
            throw new NegotiationException(String.join("; ", rejections));
        }
        String answer = AnswerWriter.session(local, acceptedMids, answerMedia).toString();
        return new NegotiationResult(answer, remote, negotiated);
    }

    /**
     * The RTCP CNAME (RFC 3550 §6.5.1) used in our {@code a=ssrc} lines, derived from the local ICE
     * ufrag so it is unique per session; RTCP SDES packets for this session must use the same value.
     */
    public static String cname(LocalTransport local) {
        return "mediamesh-" + local.iceUfrag();
    }

    /** Null when the m-line can be negotiated, else why it is rejected; throws for offers that cannot work. */
    private static String rejection(MediaDescription m, List<String> bundle, String label) {
        if (m.port() == 0) {
            return "rejected by the offer (port 0)";
        }
        if (MediaKind.fromSdp(m.kind()) == null) {
            return "m=" + m.kind() + " is not supported" + (m.kind().equals("application")
                    ? " (data channels are not implemented)" : "");
        }
        String proto = m.protocol().toUpperCase(Locale.ROOT);
        if (!proto.equals("UDP/TLS/RTP/SAVPF") && !proto.equals("RTP/SAVPF")) {
            throw new NegotiationException(label + " is not RTP/SAVPF (got " + m.protocol()
                    + "); WebRTC media needs DTLS-SRTP with RTCP feedback");
        }
        if (!bundle.contains(m.mid())) {
            return "not in the offer's BUNDLE group (this server uses one transport)";
        }
        if (!m.has("rtcp-mux")) {
            throw new NegotiationException(label + " has no a=rtcp-mux; this server requires RTP and RTCP "
                    + "multiplexed on one port (RFC 5761)");
        }
        return null;
    }

    private record Accepted(AnswerWriter.MediaAnswer answer, NegotiatedMedia media) {
    }

    private static Accepted accept(int index, MediaDescription m, SessionDescription offer, MediaRole role,
                                   CodecSelector.Selection selection, LocalTransport local, SsrcAssigner ssrcSource) {
        MediaKind kind = MediaKind.fromSdp(m.kind());
        String offered = offer.direction(m);
        String direction = role == MediaRole.PUBLISH
                ? (offered.equals("sendonly") || offered.equals("sendrecv") ? "recvonly" : "inactive")
                : (offered.equals("recvonly") || offered.equals("sendrecv") ? "sendonly" : "inactive");
        List<ExtMap> extensions = keptExtensions(m);
        ExtensionIds ids = ExtensionIds.of(extensions.stream().collect(Collectors.toMap(ExtMap::uri, ExtMap::id)));

        List<String> recvRids = List.of();
        String simulcastRecv = null;
        List<String> rids = List.of();
        List<RemoteStream> streams = List.of();
        String msid = null;
        long ssrc = -1;
        long rtxSsrc = -1;
        String cname = cname(local);
        if (role == MediaRole.PUBLISH && direction.equals("recvonly")) {
            recvRids = m.rids().stream().filter(r -> r.direction().equals("send")).map(Rid::id).toList();
            Optional<Simulcast> simulcast = m.simulcastDescription().filter(s -> !s.send().isEmpty());
            if (simulcast.isPresent() && !recvRids.isEmpty()) {
                // RFC 8853 §5.3.2: the answer mirrors the offered send list as its recv list.
                simulcastRecv = simulcast.get().sendText();
                rids = simulcast.get().sendRids();
            } else {
                rids = recvRids;
            }
            streams = RemoteStreamReader.read(m);
            msid = m.msid().orElseGet(() -> ssrcMsid(m));
        } else if (role == MediaRole.SUBSCRIBE && direction.equals("sendonly")) {
            ssrc = ssrcSource.ssrc(m.mid(), false) & SSRC_MASK;
            if (selection.codecs().stream().anyMatch(NegotiatedCodec::hasRtx)) {
                rtxSsrc = ssrcSource.ssrc(m.mid(), true) & SSRC_MASK;
            }
            msid = cname + " " + kind.name().toLowerCase(Locale.ROOT) + "-" + m.mid();
        }
        boolean legacySimulcast = role == MediaRole.PUBLISH && direction.equals("recvonly") && rids.isEmpty()
                && kind == MediaKind.VIDEO && RemoteStreamReader.legacySimulcast(m);
        AnswerWriter.MediaAnswer answer = new AnswerWriter.MediaAnswer(m, direction, selection, extensions, recvRids,
                simulcastRecv, m.has("rtcp-rsize"), msid, ssrc, rtxSsrc, cname, legacySimulcast);
        NegotiatedMedia media = new NegotiatedMedia(index, m.mid(), kind, direction, selection.codecs(), ids, streams,
                rids, simulcastRecv != null, msid, ssrc, rtxSsrc);
        return new Accepted(answer, media);
    }

    /** The offered extmaps whose URI we keep, first occurrence of each URI and id only. */
    private static List<ExtMap> keptExtensions(MediaDescription m) {
        List<ExtMap> kept = new ArrayList<>();
        Set<String> uris = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (ExtMap e : m.extMaps()) {
            if (KEPT_EXTENSIONS.contains(e.uri()) && uris.add(e.uri()) && ids.add(e.id())) {
                kept.add(e);
            }
        }
        return List.copyOf(kept);
    }

    /** The "<stream> <track>" of the first {@code a=ssrc:<n> msid:} line (RFC 8830 §2 in its pre-a=msid form). */
    private static String ssrcMsid(MediaDescription m) {
        for (SsrcAttribute a : m.ssrcs()) {
            if (a.attribute().equals("msid") && a.value() != null) {
                return a.value().trim();
            }
        }
        return null;
    }
}
