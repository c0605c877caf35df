package io.mediamesh.core.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.codec.Vp8Descriptor;
import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RemoteStream;
import io.mediamesh.core.sdp.RtpExtensionUris;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutgoingStreamTest {
    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
    private static final List<String> FB = List.of("nack", "nack pli");
    /** The publisher's offer: VP8 on 96 with RTX 97, mid on id 4, abs-send-time on id 2. */
    private static final NegotiatedMedia PUBLISHER = new NegotiatedMedia(1, "1", MediaKind.VIDEO, "recvonly",
            List.of(new NegotiatedCodec("vp8", 96, 90000, 0, "", 97, FB)),
            ExtensionIds.of(Map.of(RtpExtensionUris.MID, 4, RtpExtensionUris.ABS_SEND_TIME, 2)),
            List.of(new RemoteStream(1111, 2222, null, "cn")), List.of(), false, null, -1, -1);
    /** The viewer's offer: VP8 on 120 with RTX 121, abs-send-time on id 3, mid on id 9. */
    private static final NegotiatedMedia VIEWER = new NegotiatedMedia(1, "v", MediaKind.VIDEO, "sendonly",
            List.of(new NegotiatedCodec("vp8", 120, 90000, 0, "", 121, FB)),
            ExtensionIds.of(Map.of(RtpExtensionUris.ABS_SEND_TIME, 3, RtpExtensionUris.MID, 9)),
            List.of(), List.of(), false, "s t", 0xAAAA, 0xBBBB);

    private final RtpPacketView view = new RtpPacketView();
    private ByteBuf out;

    @AfterEach
    void release() {
        if (out != null) {
            out.release();
        }
    }

    /** VP8 packet with a one-byte extension block: mid "1" (id 4) and abs-send-time (id 2). */
    private static ByteBuf vp8(int seq, long ts, long ssrc, boolean keyframe) {
        ByteBuf b = ALLOC.heapBuffer();
        b.writeByte(0x90).writeByte(96).writeShort(seq).writeInt((int) ts).writeInt((int) ssrc);
        b.writeShort(0xBEDE).writeShort(2);
        b.writeByte(0x40).writeByte('1'); // id 4, len 1: mid "1"
        b.writeByte(0x22).writeMedium(0x123456); // id 2, len 3: abs-send-time
        b.writeByte(0).writeByte(0); // padding to the word boundary
        b.writeByte(0x10).writeByte(keyframe ? 0x9c : 0x9d).writeByte(0x01).writeByte(0x2a);
        return b;
    }

    private static PublishedTrack track(String peer) {
        return new PublishedTrack(peer, "video_main", PUBLISHER, Runnable::run, 0);
    }

    @Test
    void rewritesSsrcPayloadTypeAndExtensionIdsAndDropsTheMid() {
        OutgoingStream stream = new OutgoingStream(VIEWER);
        PublishedTrack source = track("alice");
        assertThat(stream.attach(source)).isTrue();

        ByteBuf in = vp8(1000, 90000, 1111, true);
        out = stream.forward(source, in, 0, ALLOC, 16);
        in.release();

        RtpPacketView rewritten = view.wrap(out);
        assertThat(rewritten.ssrc()).isEqualTo(0xAAAA);
        assertThat(rewritten.payloadType()).isEqualTo(120);
        assertThat(rewritten.sequenceNumber()).isEqualTo(1000);
        assertThat(rewritten.findExtension(9)).as("the publisher's mid is not forwarded").isEqualTo(-1);
        assertThat(rewritten.findExtension(4)).isEqualTo(-1);
        int abs = rewritten.findExtension(3);
        assertThat(abs).isPositive();
        assertThat(out.getUnsignedMedium(abs)).isEqualTo(0x123456);
        assertThat((int) out.getUnsignedByte(rewritten.payloadOffset() + 1)).isEqualTo(0x9c);
        assertThat(out.writableBytes()).isGreaterThanOrEqualTo(16);
    }

    @Test
    void waitsForAKeyframeBeforeForwardingANewSource() {
        OutgoingStream stream = new OutgoingStream(VIEWER);
        PublishedTrack source = track("alice");
        stream.attach(source);
        ByteBuf delta = vp8(5, 0, 1111, false);
        assertThat(stream.forward(source, delta, 0, ALLOC, 16)).isNull();
        delta.release();
        assertThat(stream.dropped()).isEqualTo(1);
    }

    @Test
    void switchingSourcesKeepsSequenceNumbersAndTimestampsContinuous() {
        OutgoingStream stream = new OutgoingStream(VIEWER);
        PublishedTrack alice = track("alice");
        PublishedTrack bob = track("bob");
        stream.attach(alice);
        for (int i = 0; i < 3; i++) {
            ByteBuf in = vp8(500 + i, 3000L * i, 1111, true);
            ByteBuf sent = stream.forward(alice, in, 33_000L * i, ALLOC, 16);
            sent.release();
            in.release();
        }
        stream.detach();
        stream.attach(bob);
        ByteBuf fromAlice = vp8(503, 9000, 1111, true);
        assertThat(stream.forward(alice, fromAlice, 100_000, ALLOC, 16)).as("late packet of the old source").isNull();
        fromAlice.release();

        ByteBuf in = vp8(40000, 777_000, 3333, true);
        out = stream.forward(bob, in, 66_000 + 100_000, ALLOC, 16);
        in.release();
        RtpPacketView first = view.wrap(out);
        assertThat(first.sequenceNumber()).isEqualTo(503);
        assertThat(first.timestamp()).as("last ts + 100 ms at 90 kHz").isEqualTo(6000 + 9000);
        assertThat(first.ssrc()).isEqualTo(0xAAAA);
        assertThat(stream.toSourceSequence(503)).isEqualTo(40000);
        assertThat(stream.toSourceSequence(502)).as("alice's packet: bob's cache has another under that number")
                .isEqualTo(-1);
        assertThat(stream.toSourceSequence(400)).as("before bob's first packet, never forwarded").isEqualTo(-1);
        assertThat(stream.toSourceSequence(505)).as("bob's, lost before it reached the node").isEqualTo(40002);
    }

    /** The viewer's offer again, with transport-wide sequence numbers on id 5. */
    private static final NegotiatedMedia TWCC_VIEWER = new NegotiatedMedia(1, "v", MediaKind.VIDEO, "sendonly",
            List.of(new NegotiatedCodec("vp8", 120, 90000, 0, "", 121, FB)),
            ExtensionIds.of(Map.of(RtpExtensionUris.ABS_SEND_TIME, 3, RtpExtensionUris.TRANSPORT_WIDE_CC, 5)),
            List.of(), List.of(), false, "s t", 0xAAAA, 0xBBBB);

    @Test
    void numbersEveryPacketOfTheTransportAndReportsWhatWasSent() {
        List<long[]> sent = new java.util.ArrayList<>();
        TransportWideSequence transport = new TransportWideSequence((seq, size, now) -> sent.add(
                new long[] {seq, size, now}));
        OutgoingStream a = new OutgoingStream(TWCC_VIEWER);
        OutgoingStream b = new OutgoingStream(TWCC_VIEWER);
        a.useTransportWideSequence(transport);
        b.useTransportWideSequence(transport);
        PublishedTrack source = track("alice");
        a.attach(source);
        b.attach(source);
        for (int i = 0; i < 2; i++) {
            ByteBuf in = vp8(10 + i, 3000L * i, 1111, true);
            for (OutgoingStream stream : List.of(a, b)) {
                ByteBuf packet = stream.forward(source, in, 1_000 + i, ALLOC, 10);
                RtpPacketView parsed = view.wrap(packet);
                int offset = parsed.findExtension(5);
                assertThat(offset).as("transport-wide element present").isPositive();
                assertThat(packet.getUnsignedShort(offset)).isEqualTo(sent.size() - 1);
                assertThat(parsed.findExtension(3)).as("abs-send-time still forwarded").isPositive();
                assertThat(sent.get(sent.size() - 1)[1]).as("size on the wire, SRTP tag included")
                        .isEqualTo(packet.readableBytes() + 10);
                packet.release();
            }
            in.release();
        }
        assertThat(sent).extracting(e -> e[0]).containsExactly(0L, 1L, 2L, 3L);

        out = a.padding(200, ALLOC, 10, 5_000);
        RtpPacketView padding = view.wrap(out);
        assertThat(padding.ssrc()).isEqualTo(0xBBBB);
        assertThat(padding.payloadType()).isEqualTo(121);
        assertThat(padding.payloadLength()).as("padding only").isZero();
        assertThat(padding.paddingLength()).isEqualTo(200);
        assertThat(out.getUnsignedShort(padding.findExtension(5))).isEqualTo(4);
        assertThat(sent).hasSize(5);
    }

    @Test
    void withoutTheNegotiatedExtensionNothingIsNumberedAndThereIsNoPadding() {
        OutgoingStream stream = new OutgoingStream(VIEWER);
        stream.useTransportWideSequence(new TransportWideSequence((seq, size, now) -> {
            throw new AssertionError("not negotiated");
        }));
        assertThat(stream.transportWide()).isFalse();
        PublishedTrack source = track("alice");
        stream.attach(source);
        ByteBuf in = vp8(1, 0, 1111, true);
        out = stream.forward(source, in, 0, ALLOC, 16);
        in.release();
        assertThat(stream.padding(100, ALLOC, 16, 0)).isNull();
    }

    /** VP8 packet without extensions whose descriptor carries a 15-bit picture id and a TL0PICIDX. */
    private static ByteBuf vp8WithPictureId(int seq, long ts, long ssrc, int pictureId, int tl0, boolean keyframe) {
        ByteBuf b = ALLOC.heapBuffer();
        b.writeByte(0x80).writeByte(96).writeShort(seq).writeInt((int) ts).writeInt((int) ssrc);
        b.writeByte(0x90).writeByte(0xC0).writeShort(0x8000 | pictureId).writeByte(tl0);
        b.writeByte(keyframe ? 0x9c : 0x9d).writeByte(0x01).writeByte(0x2a);
        return b;
    }

    @Test
    void vp8PictureIdsAndTl0PicIdxContinueAcrossAChangeOfSource() {
        OutgoingStream stream = new OutgoingStream(VIEWER);
        PublishedTrack low = track("alice");
        PublishedTrack high = track("alice");
        stream.attach(low);
        for (int i = 0; i < 3; i++) {
            ByteBuf in = vp8WithPictureId(100 + i, 3000L * i, 1111, 32760 + i, 7 + i, i == 0);
            ByteBuf sent = stream.forward(low, in, 33_000L * i, ALLOC, 16);
            Vp8Descriptor descriptor = new Vp8Descriptor();
            RtpPacketView parsed = view.wrap(sent);
            assertThat(descriptor.parse(sent, parsed.payloadOffset(), parsed.payloadLength())).isTrue();
            assertThat(descriptor.pictureId()).as("unchanged before any switch").isEqualTo(32760 + i);
            sent.release();
            in.release();
        }
        stream.detach();
        stream.attach(high);
        // The other encoding numbers its pictures from elsewhere; its keyframe follows picture 32762 and TL0 9.
        ByteBuf in = vp8WithPictureId(5000, 90_000, 3333, 17, 200, true);
        out = stream.forward(high, in, 200_000, ALLOC, 16);
        in.release();
        Vp8Descriptor descriptor = new Vp8Descriptor();
        RtpPacketView parsed = view.wrap(out);
        assertThat(descriptor.parse(out, parsed.payloadOffset(), parsed.payloadLength())).isTrue();
        assertThat(descriptor.pictureId()).isEqualTo(32763);
        assertThat(descriptor.pictureIdBits()).isEqualTo(15);
        assertThat(descriptor.tl0PicIdx()).isEqualTo(10);
        assertThat(descriptor.keyframe()).isTrue();
        ByteBuf next = vp8WithPictureId(5001, 93_000, 3333, 18, 200, false);
        ByteBuf following = stream.forward(high, next, 233_000, ALLOC, 16);
        next.release();
        parsed = view.wrap(following);
        descriptor.parse(following, parsed.payloadOffset(), parsed.payloadLength());
        assertThat(descriptor.pictureId()).as("15-bit wrap").isEqualTo(32764);
        following.release();
    }

    /** One-packet VP8 frame of temporal layer {@code tid} (T bit, TID in the TK byte; Y set on TID 0). */
    private static ByteBuf vp8Temporal(int seq, long ts, int tid, boolean keyframe) {
        ByteBuf b = ALLOC.heapBuffer();
        b.writeByte(0x80).writeByte(96).writeShort(seq).writeInt((int) ts).writeInt(1111);
        b.writeByte(0x90).writeByte(0x20).writeByte(tid << 6 | (tid == 0 ? 0x20 : 0));
        b.writeByte(keyframe ? 0x9c : 0x9d).writeByte(0x01).writeByte(0x2a);
        return b;
    }

    @Test
    void temporalLayersAboveTheMaximumAreDroppedWithContinuousSequenceNumbers() {
        OutgoingStream stream = new OutgoingStream(VIEWER);
        PublishedTrack source = track("alice");
        stream.attach(source);
        int[] pattern = {0, 2, 1, 2, 0, 2, 1, 2, 0, 2, 1, 2, 0};
        List<Integer> sent = new java.util.ArrayList<>();
        List<Integer> sentSource = new java.util.ArrayList<>();
        for (int i = 0; i < pattern.length; i++) {
            if (i == 2) {
                stream.maxTemporal(0); // from the next frame on: base layer only
            }
            if (i == 6) {
                stream.maxTemporal(2); // back up at the next TID 0 frame (i = 8)
            }
            ByteBuf in = vp8Temporal(1000 + i, 3000L * i, pattern[i], i == 0);
            ByteBuf packet = stream.forward(source, in, 33_000L * i, ALLOC, 16);
            in.release();
            if (packet != null) {
                sent.add(view.wrap(packet).sequenceNumber());
                sentSource.add(1000 + i);
                packet.release();
            }
        }
        assertThat(sentSource).as("frames forwarded").containsExactly(1000, 1001, 1004, 1008, 1009, 1010, 1011, 1012);
        assertThat(sent).as("no gap for the decoder to NACK").containsExactly(1000, 1001, 1002, 1003, 1004, 1005,
                1006, 1007);
        assertThat(stream.toSourceSequence(1003)).as("a NACK finds the right source packet").isEqualTo(1008);
        assertThat(stream.toSourceSequence(1002)).isEqualTo(1004);
        assertThat(stream.dropped()).isEqualTo(5);
    }

    @Test
    void retransmitsAsRtxWithTheOriginalSequenceNumberFirst() {
        OutgoingStream stream = new OutgoingStream(VIEWER);
        PublishedTrack source = track("alice");
        stream.attach(source);
        ByteBuf in = vp8(65535, 1234, 1111, true);
        stream.forward(source, in, 0, ALLOC, 16).release();

        out = stream.retransmit(source, in, 65535, ALLOC, 16, 0);
        in.release();
        RtpPacketView rtx = view.wrap(out);
        assertThat(rtx.ssrc()).isEqualTo(0xBBBB);
        assertThat(rtx.payloadType()).isEqualTo(121);
        assertThat(rtx.timestamp()).isEqualTo(1234);
        assertThat(out.getUnsignedShort(rtx.payloadOffset())).as("OSN, RFC 4588 §4").isEqualTo(65535);
        assertThat((int) out.getUnsignedByte(rtx.payloadOffset() + 2)).isEqualTo(0x10);
        assertThat(rtx.payloadLength()).isEqualTo(2 + 4);
    }

    @Test
    void refusesASourceWhoseCodecsTheViewerCannotReceive() {
        NegotiatedMedia h264Only = new NegotiatedMedia(1, "v", MediaKind.VIDEO, "sendonly",
                List.of(new NegotiatedCodec("h264", 102, 90000, 0, "packetization-mode=1", -1, FB)),
                ExtensionIds.empty(), List.of(), List.of(), false, "s t", 5, -1);
        assertThat(new OutgoingStream(h264Only).attach(track("alice"))).isFalse();
    }

    @Test
    void senderReportAndByeUseOurSsrcs() {
        OutgoingStream stream = new OutgoingStream(VIEWER);
        PublishedTrack source = track("alice");
        stream.attach(source);
        assertThat(stream.senderReport(1L, 2L)).as("nothing sent yet").isNull();
        ByteBuf in = vp8(1, 1000, 1111, true);
        stream.forward(source, in, 0, ALLOC, 16).release();
        in.release();
        var report = stream.senderReport(0x0102030405060708L, 1000);
        assertThat(report.ssrc()).isEqualTo(0xAAAA);
        assertThat(report.rtpTimestamp()).isEqualTo(1000);
        assertThat(report.packetCount()).isEqualTo(1);
        assertThat(report.octetCount()).isEqualTo(4);
        assertThat(stream.goodbye("bye").ssrcs()).containsExactly(0xAAAAL, 0xBBBBL);
    }
}
