package io.mediamesh.core.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.codec.Vp9Descriptor;
import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RemoteStream;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VP9 SVC forwarding on byte vectors shaped like Chrome's L3T3_KEY stream: one SSRC, every picture three layer frames
 * (SID 0..2) of two packets each, the RTP marker on the last packet of SID 2 only.
 */
class OutgoingStreamVp9Test {
    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
    private static final List<String> FB = List.of("nack", "nack pli");
    private static final NegotiatedMedia PUBLISHER = new NegotiatedMedia(1, "1", MediaKind.VIDEO, "recvonly",
            List.of(new NegotiatedCodec("vp9", 98, 90000, 0, "profile-id=0", 99, FB)), ExtensionIds.empty(),
            List.of(new RemoteStream(1111, 2222, null, "cn")), List.of(), false, null, -1, -1);
    private static final NegotiatedMedia VIEWER = new NegotiatedMedia(1, "v", MediaKind.VIDEO, "sendonly",
            List.of(new NegotiatedCodec("vp9", 100, 90000, 0, "profile-id=0", 101, FB)), ExtensionIds.empty(),
            List.of(), List.of(), false, "s t", 0xAAAA, 0xBBBB);
    private static final int PACKETS_PER_LAYER = 2;

    private final RtpPacketView view = new RtpPacketView();
    private final Vp9Descriptor descriptor = new Vp9Descriptor();
    private final OutgoingStream stream = new OutgoingStream(VIEWER);
    private final PublishedTrack source = new PublishedTrack("alice", "cam", PUBLISHER, Runnable::run, 0);
    private int sourceSequence = 5000;
    private int picture;

    /** One packet as the receiver got it. */
    private record Sent(int sequence, long timestamp, boolean marker, int spatial, int temporal, int pictureId,
            int sourceSequence) {
    }

    /**
     * A VP9 packet, non-flexible mode: I (15-bit picture id), P unless key, L, B/E as given, then TID|U|SID|D and
     * TL0PICIDX, then two payload bytes.
     */
    static ByteBuf vp9(int sequence, long timestamp, boolean marker, int pictureId, boolean key, int sid, int tid,
            boolean switchingUp, boolean begin, boolean end) {
        ByteBuf b = ALLOC.heapBuffer();
        b.writeByte(0x80).writeByte((marker ? 0x80 : 0) | 98).writeShort(sequence).writeInt((int) timestamp)
                .writeInt(1111);
        b.writeByte(0x80 | (key ? 0 : 0x40) | 0x20 | (begin ? 0x08 : 0) | (end ? 0x04 : 0));
        b.writeShort(0x8000 | pictureId);
        b.writeByte(tid << 5 | (switchingUp ? 0x10 : 0) | sid << 1 | (key && sid > 0 ? 1 : 0));
        b.writeByte(7);
        b.writeByte(0xAB).writeByte(0xCD);
        return b;
    }

    /** Sends one three-layer picture through the stream; returns the packets forwarded. */
    private List<Sent> picture(boolean key, int tid, boolean switchingUp, long nowMicros) {
        List<Sent> sent = new ArrayList<>();
        int pictureId = 300 + picture;
        long timestamp = 90_000L + 3000L * picture++;
        for (int sid = 0; sid < 3; sid++) {
            for (int p = 0; p < PACKETS_PER_LAYER; p++) {
                boolean end = p == PACKETS_PER_LAYER - 1;
                ByteBuf in = vp9(sourceSequence, timestamp, sid == 2 && end, pictureId, key, sid, tid, switchingUp,
                        p == 0, end);
                ByteBuf out = stream.forward(source, in, nowMicros, ALLOC, 16);
                in.release();
                if (out != null) {
                    RtpPacketView rewritten = view.wrap(out);
                    assertThat(descriptor.parse(out, rewritten.payloadOffset(), rewritten.payloadLength())).isTrue();
                    sent.add(new Sent(rewritten.sequenceNumber(), rewritten.timestamp(), rewritten.marker(),
                            descriptor.spatialId(), descriptor.temporalId(), descriptor.pictureId(),
                            sourceSequence));
                    out.release();
                }
                sourceSequence = (sourceSequence + 1) & 0xffff;
            }
        }
        return sent;
    }

    private static List<Integer> spatial(List<Sent> sent) {
        return sent.stream().map(Sent::spatial).toList();
    }

    private static List<Boolean> markers(List<Sent> sent) {
        return sent.stream().map(Sent::marker).toList();
    }

    @Test
    void maxSpatialZeroForwardsTheBaseLayerWithTheMarkerOnItsLastPacket() {
        stream.maxSpatial(0);
        assertThat(stream.attach(source)).isTrue();
        List<Sent> key = picture(true, 0, false, 0);
        List<Sent> next = picture(false, 2, true, 33_000);
        assertThat(spatial(key)).containsExactly(0, 0);
        assertThat(markers(key)).as("the base layer ends the picture for this receiver").containsExactly(false, true);
        assertThat(spatial(next)).containsExactly(0, 0);
        assertThat(markers(next)).containsExactly(false, true);
        assertThat(key.get(0).sequence()).isEqualTo(5000);
        assertThat(next.get(0).sequence()).as("SID 1 and 2 of the key picture leave no gap").isEqualTo(5002);
        assertThat(next.get(0).sourceSequence()).isEqualTo(5006);
        assertThat(next.get(0).timestamp()).as("timestamps untouched").isEqualTo(93_000);
        assertThat(next.get(0).pictureId()).as("picture ids untouched").isEqualTo(301);
        assertThat(stream.forwardedSpatial()).isZero();
        assertThat(stream.toSourceSequence(5002)).as("a NACK maps to the source packet").isEqualTo(5006);
        assertThat(stream.dropped()).isEqualTo(8);
    }

    @Test
    void spatialUpWaitsForAKeyPictureAskedForThrottledDownAtTheNextPicture() {
        stream.maxSpatial(0);
        stream.attach(source);
        picture(true, 0, false, 0);
        assertThat(stream.layerKeyframeRequestDue(10_000)).as("nothing is awaited").isFalse();

        stream.maxSpatial(2);
        assertThat(stream.pendingSpatial()).isEqualTo(2);
        assertThat(stream.layerKeyframeRequestDue(20_000)).isTrue();
        assertThat(stream.layerKeyframeRequestDue(300_000)).as("throttled").isFalse();
        List<Sent> delta = picture(false, 0, true, 33_000);
        assertThat(spatial(delta)).as("a delta picture's SID 2 refers to SID 2 frames never sent").containsExactly(0,
                0);
        assertThat(stream.layerKeyframeRequestDue(520_000)).as("asked again").isTrue();

        List<Sent> key = picture(true, 0, false, 600_000);
        assertThat(spatial(key)).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(markers(key)).containsExactly(false, false, false, false, false, true);
        assertThat(stream.forwardedSpatial()).isEqualTo(2);
        assertThat(stream.pendingSpatial()).isEqualTo(-1);
        List<Integer> sequences = new ArrayList<>();
        delta.forEach(s -> sequences.add(s.sequence()));
        key.forEach(s -> sequences.add(s.sequence()));
        assertThat(sequences).as("continuous across the switch").containsExactly(5002, 5003, 5004, 5005, 5006, 5007,
                5008, 5009);

        stream.maxSpatial(1);
        List<Sent> down = picture(false, 2, true, 633_000);
        assertThat(spatial(down)).as("down at once").containsExactly(0, 0, 1, 1);
        assertThat(markers(down)).containsExactly(false, false, false, true);
        assertThat(down.get(0).sequence()).isEqualTo(5010);
    }

    @Test
    void temporalDownAtTheNextPictureUpOnlyAtASwitchingUpPointOrKeyPicture() {
        stream.attach(source);
        stream.maxTemporal(0);
        assertThat(spatial(picture(true, 0, false, 0))).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(picture(false, 2, true, 33_000)).as("TID 2 above the target").isEmpty();
        assertThat(picture(false, 1, true, 66_000)).isEmpty();
        List<Sent> base = picture(false, 0, false, 99_000);
        assertThat(base).hasSize(6);
        assertThat(base.get(0).sequence()).as("three dropped pictures leave no gap").isEqualTo(5006);

        stream.maxTemporal(2);
        assertThat(picture(false, 2, false, 132_000)).as("no switching-up point: not yet").isEmpty();
        List<Sent> up = picture(false, 1, true, 165_000);
        assertThat(up).as("U bit on TID 1").hasSize(6);
        assertThat(stream.forwardedTemporal()).isEqualTo(1);
        assertThat(picture(false, 2, true, 198_000)).hasSize(6);
        assertThat(stream.forwardedTemporal()).isEqualTo(2);

        stream.maxTemporal(0);
        assertThat(picture(false, 1, false, 231_000)).isEmpty();
        stream.maxTemporal(1);
        assertThat(picture(false, 1, false, 264_000)).as("no U bit").isEmpty();
        assertThat(picture(true, 0, false, 297_000)).as("a key picture").hasSize(6);
        assertThat(picture(false, 1, false, 330_000)).as("TID 1 allowed since the key picture").hasSize(6);
    }

    @Test
    void malformedDescriptorsAreCountedAndDroppedWithoutAGap() {
        stream.attach(source);
        picture(true, 0, false, 0);
        ByteBuf truncated = ALLOC.heapBuffer();
        truncated.writeByte(0x80).writeByte(98).writeShort(sourceSequence).writeInt(93_000).writeInt(1111);
        truncated.writeByte(0xA8); // I and L announced, nothing follows
        assertThat(stream.forward(source, truncated, 10_000, ALLOC, 16)).isNull();
        truncated.release();
        sourceSequence++;
        assertThat(stream.malformed()).isEqualTo(1);
        List<Sent> next = picture(false, 0, false, 33_000);
        assertThat(next.get(0).sequence()).isEqualTo(5006);
    }

    @Test
    void aRetransmissionKeepsTheMarkerTheStreamSet() {
        stream.maxSpatial(1);
        stream.attach(source);
        picture(true, 0, false, 0);
        // Source packet 5003 is SID 1's last packet: no marker from Chrome, the stream set it.
        ByteBuf cached = vp9(5003, 90_000, false, 300, true, 1, 0, false, false, true);
        assertThat(stream.toSourceSequence(5003)).isEqualTo(5003);
        ByteBuf rtx = stream.retransmit(source, cached, 5003, ALLOC, 16, 40_000);
        assertThat(view.wrap(rtx).marker()).isTrue();
        assertThat(rtx.getUnsignedShort(view.payloadOffset())).isEqualTo(5003);
        rtx.release();
        ByteBuf lower = vp9(5000, 90_000, false, 300, true, 0, 0, false, true, false);
        ByteBuf again = stream.retransmit(source, lower, 5000, ALLOC, 16, 40_000);
        assertThat(view.wrap(again).marker()).isFalse();
        again.release();
        cached.release();
        lower.release();
    }

    @Test
    void aSingleLayerVp9StreamPassesUnchanged() {
        stream.maxSpatial(0);
        stream.maxTemporal(0);
        stream.attach(source);
        List<Boolean> markers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ByteBuf in = ALLOC.heapBuffer();
            in.writeByte(0x80).writeByte(0x80 | 98).writeShort(100 + i).writeInt(3000 * i).writeInt(1111);
            in.writeByte((i == 0 ? 0 : 0x40) | 0x0C).writeByte(0x11);
            ByteBuf out = stream.forward(source, in, i * 33_000L, ALLOC, 16);
            in.release();
            markers.add(view.wrap(out).marker());
            assertThat(view.sequenceNumber()).isEqualTo(100 + i);
            out.release();
        }
        assertThat(markers).containsExactly(true, true, true, true);
    }
}
