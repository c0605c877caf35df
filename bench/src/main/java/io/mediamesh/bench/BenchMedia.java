package io.mediamesh.bench;

import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RemoteStream;
import io.mediamesh.core.sdp.RtpExtensionUris;
import io.mediamesh.core.srtp.SrtpKeys;
import io.mediamesh.core.srtp.SrtpProfile;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The negotiated m-lines and SRTP keys the benchmarks use, shaped like a Chrome WHIP publisher and a WHEP viewer
 * that numbers its payload types and header extensions differently (so the forwarder really rewrites them).
 *
 * <p>The publisher's extensions are Chrome's ids: abs-send-time 2, transport-wide-cc 3, mid 4. Transport-wide
 * numbers belong to the publisher's transport (the node sends it feedback), so like mid they are dropped in the rewrite;
 * the viewer's own transport-wide numbering (issue #5) is not written yet.
 */
public final class BenchMedia {
    /** The publisher's media SSRC (what Chrome announces with {@code a=ssrc}). */
    public static final long PUBLISHER_SSRC = 0x1234_5678L;
    /** The publisher's RTX SSRC ({@code a=ssrc-group:FID}). */
    public static final long PUBLISHER_RTX_SSRC = 0x1234_5679L;
    /** Publisher extension ids, as Chrome numbers them. */
    public static final int PUBLISHER_ABS_SEND_TIME_ID = 2;
    public static final int PUBLISHER_TRANSPORT_CC_ID = 3;
    public static final int PUBLISHER_MID_ID = 4;
    /** Viewer extension ids: deliberately different from the publisher's. */
    public static final int VIEWER_MID_ID = 1;
    public static final int VIEWER_ABS_SEND_TIME_ID = 3;
    public static final int VIEWER_TRANSPORT_CC_ID = 7;
    /** VP8 payload types on each side. */
    public static final int PUBLISHER_VP8 = 96;
    public static final int VIEWER_VP8 = 120;

    private static final List<String> VIDEO_FEEDBACK = List.of("nack", "nack pli", "ccm fir", "goog-remb");

    private BenchMedia() {
    }

    /** The publisher's accepted video m-line (our answer was recvonly). */
    public static NegotiatedMedia publisher() {
        return new NegotiatedMedia(1, "1", MediaKind.VIDEO, "recvonly",
                List.of(new NegotiatedCodec("vp8", PUBLISHER_VP8, 90000, 0, "", 97, VIDEO_FEEDBACK),
                        new NegotiatedCodec("h264", 102, 90000, 0,
                                "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", 103,
                                VIDEO_FEEDBACK)),
                ExtensionIds.of(Map.of(
                        RtpExtensionUris.ABS_SEND_TIME, PUBLISHER_ABS_SEND_TIME_ID,
                        RtpExtensionUris.TRANSPORT_WIDE_CC, PUBLISHER_TRANSPORT_CC_ID,
                        RtpExtensionUris.MID, PUBLISHER_MID_ID)),
                List.of(new RemoteStream(PUBLISHER_SSRC, PUBLISHER_RTX_SSRC, null, "publisher-cname")),
                List.of(), false, "stream track", -1, -1);
    }

    /** The video m-line of viewer number {@code index}: we answered sendonly with our own SSRCs. */
    public static NegotiatedMedia viewer(int index) {
        long ssrc = 0x2000_0000L + 2L * index;
        return new NegotiatedMedia(1, "1", MediaKind.VIDEO, "sendonly",
                List.of(new NegotiatedCodec("vp8", VIEWER_VP8, 90000, 0, "", 124, VIDEO_FEEDBACK),
                        new NegotiatedCodec("h264", 126, 90000, 0,
                                "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", 127,
                                VIDEO_FEEDBACK)),
                ExtensionIds.of(Map.of(
                        RtpExtensionUris.MID, VIEWER_MID_ID,
                        RtpExtensionUris.ABS_SEND_TIME, VIEWER_ABS_SEND_TIME_ID,
                        RtpExtensionUris.TRANSPORT_WIDE_CC, VIEWER_TRANSPORT_CC_ID)),
                List.of(), List.of(), false, "mediamesh video", ssrc, ssrc + 1);
    }

    /**
     * Deterministic stand-in for the DTLS exporter output of one association ({@code seed} tells associations
     * apart). Feed it to {@link SrtpKeys#fromExporter} with {@code weAreDtlsServer = true} for the node's side and
     * {@code false} for the browser's side.
     */
    public static byte[] keyingMaterial(SrtpProfile profile, long seed) {
        byte[] material = new byte[profile.keyingMaterialLength()];
        new SplittableRandom(seed).nextBytes(material);
        return material;
    }

    /** The node's keys (DTLS server) for association {@code seed}. */
    public static SrtpKeys nodeKeys(SrtpProfile profile, long seed) {
        return SrtpKeys.fromExporter(profile, keyingMaterial(profile, seed), true);
    }

    /** The browser's keys (DTLS client) for association {@code seed}. */
    public static SrtpKeys browserKeys(SrtpProfile profile, long seed) {
        return SrtpKeys.fromExporter(profile, keyingMaterial(profile, seed), false);
    }
}
