package io.mediamesh.node.room;

import io.mediamesh.core.sfu.OutgoingStream;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.node.session.WebRtcSession;
import io.mediamesh.proto.rtcp.SdesChunk;
import io.mediamesh.proto.rtcp.SdesItem;
import io.mediamesh.proto.rtcp.SenderReport;
import io.mediamesh.proto.rtcp.SourceDescription;
import io.mediamesh.proto.rtcp.fb.TransportLayerNack;
import java.util.ArrayList;
import java.util.List;

/**
 * What every outgoing stream of a session does the same way, for WHEP viewers and SDK receivers alike: forward a
 * source packet, answer a receiver's NACK from the source track's cache (RTX) and pass what the cache lacks to the
 * source's sender, and send the sender report translated to the stream's own SSRC and timeline. Event loop only.
 */
final class StreamFeedback {
    private StreamFeedback() {
    }

    /**
     * Rewrites one packet of {@code from} for {@code out} and sends it. This runs inside the publisher's packet
     * handling: a failure ends the receiving session, never the publisher and its other receivers.
     *
     * @param packet borrows
     */
    static void forward(WebRtcSession session, OutgoingStream out, PublishedTrack from, io.netty.buffer.ByteBuf packet,
            long nowMicros) {
        try {
            var rewritten = out.forward(from, packet, nowMicros, session.environment().allocator(),
                    session.protectionOverhead());
            if (rewritten != null) {
                session.sendRtp(rewritten);
            }
        } catch (RuntimeException e) {
            session.fail(e);
        }
    }

    /**
     * Answers {@code nack} for {@code out}, whose source is {@code track} of {@code source}, as far as {@code downlink}
     * admits retransmissions: past its estimate they are skipped (counted as {@code rtx-over-estimate}), as a burst of
     * NACKs after a loss burst would otherwise bury the media it repairs on a link that is already full.
     */
    static void retransmit(WebRtcSession session, OutgoingStream out, Publisher source, TransportLayerNack nack,
            SubscriberBandwidth downlink) {
        PublishedTrack track = out.source();
        if (track == null || source == null) {
            return;
        }
        long nowMicros = session.environment().nowMicros();
        List<Integer> missing = new ArrayList<>();
        for (int sequence : nack.lostSequenceNumbers()) {
            int sourceSequence = out.toSourceSequence(sequence);
            if (sourceSequence < 0) {
                continue;
            }
            var cached = track.cached(sourceSequence);
            if (cached == null) {
                missing.add(sourceSequence);
                continue;
            }
            if (!downlink.admitsRetransmission(cached.readableBytes(), nowMicros)) {
                session.environment().metrics().dropped("rtx-over-estimate");
                continue;
            }
            var copy = out.retransmit(track, cached, sequence, session.environment().allocator(),
                    session.protectionOverhead(), nowMicros);
            if (copy != null) {
                session.environment().metrics().retransmitted();
                session.sendRtp(copy);
            }
        }
        source.requestRetransmission(track, missing);
    }

    /** Sends the source's sender report, translated for {@code out}, with our CNAME. */
    static void senderReport(WebRtcSession session, OutgoingStream out, String cname, long ntpTimestamp,
            long rtpTimestamp) {
        SenderReport report = out.senderReport(ntpTimestamp, rtpTimestamp);
        if (report != null) {
            session.sendRtcp(List.of(report, new SourceDescription(
                    List.of(new SdesChunk(out.ssrc(), List.of(new SdesItem(SdesItem.CNAME, cname)))))));
        }
    }
}
