package io.mediamesh.core.sdp;

import java.util.List;

/**
 * What was agreed for the offered m-line at {@code index} (0-based, same order as offer and answer).
 *
 * <p>{@code direction} is the direction of our answer ("recvonly", "sendonly" or "inactive").
 * {@code kind} is null for an m-line that is neither audio nor video. A rejected m-line (port 0 in the
 * answer) has no codecs and direction "inactive"; see {@link #accepted()}. {@code rids} are the
 * publisher's simulcast/rid layers in offer order; {@code msid} is "<stream> <track>" (the offer's for
 * PUBLISH, ours for SUBSCRIBE) or null; {@code localSsrc}/{@code localRtxSsrc} are the SSRCs we send
 * with when SUBSCRIBE answered sendonly, else -1.
 */
public record NegotiatedMedia(int index, String mid, MediaKind kind, String direction, List<NegotiatedCodec> codecs,
                              ExtensionIds extensions, List<RemoteStream> remoteStreams, List<String> rids,
                              boolean simulcast, String msid, long localSsrc, long localRtxSsrc) {

    public NegotiatedMedia {
        codecs = List.copyOf(codecs);
        remoteStreams = List.copyOf(remoteStreams);
        rids = List.copyOf(rids);
    }

    /** True when the answer accepted this m-line (non-zero port, in BUNDLE), even if it is inactive. */
    public boolean accepted() {
        return !codecs.isEmpty();
    }

    /** The codec with payload type {@code pt}, or null. */
    public NegotiatedCodec codec(int pt) {
        for (NegotiatedCodec c : codecs) {
            if (c.payloadType() == pt) {
                return c;
            }
        }
        return null;
    }
}
