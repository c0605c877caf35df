package io.mediamesh.core.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RemoteStream;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishedTrackTest {
    private static final NegotiatedMedia VIDEO = new NegotiatedMedia(1, "1", MediaKind.VIDEO, "recvonly",
            List.of(new NegotiatedCodec("vp8", 96, 90000, 0, "", 97, List.of("nack", "nack pli"))),
            ExtensionIds.empty(), List.of(new RemoteStream(0x1111, 0x2222, null, "cn")), List.of(), false, null,
            -1, -1);

    private static ByteBuf rtp(int payloadType, int seq, long ssrc, byte... payload) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(0x80).writeByte(payloadType).writeShort(seq).writeInt(1000).writeInt((int) ssrc);
        b.writeBytes(payload);
        return b;
    }

    @Test
    void firstKeyframeRequestIsAdmittedAndLaterOnesAreThrottled() {
        PublishedTrack track = new PublishedTrack("p", "video_main", VIDEO, Runnable::run, 16);
        assertThat(track.admitKeyframeRequest(0)).isTrue();
        assertThat(track.admitKeyframeRequest(299_999)).isFalse();
        assertThat(track.admitKeyframeRequest(300_000)).isTrue();
        assertThat(track.admitKeyframeRequest(-5_000_000_000L + 1)).as("monotonic clocks can be negative").isFalse();
    }

    @Test
    void aThrottledKeyframeRequestIsSentWhenTheWindowEnds() {
        PublishedTrack track = new PublishedTrack("p", "video_main", VIDEO, Runnable::run, 16);
        assertThat(track.admitPendingKeyframeRequest(0)).as("nothing pending").isFalse();
        assertThat(track.admitKeyframeRequest(1_000)).isTrue();
        assertThat(track.admitKeyframeRequest(2_000)).as("second viewer, throttled").isFalse();
        assertThat(track.admitPendingKeyframeRequest(200_000)).isFalse();
        assertThat(track.admitPendingKeyframeRequest(301_000)).isTrue();
        assertThat(track.admitPendingKeyframeRequest(700_000)).as("sent once").isFalse();
    }

    @Test
    void fansOutOncePerPacketAndDropsDuplicates() {
        PublishedTrack track = new PublishedTrack("p", "video_main", VIDEO, Runnable::run, 16);
        List<Integer> seen = new ArrayList<>();
        track.addSink(new TrackSink() {
            @Override
            public void onRtp(PublishedTrack source, ByteBuf packet, long nowMicros) {
                seen.add(packet.getUnsignedShort(packet.readerIndex() + 2));
            }

            @Override
            public void onSenderReport(PublishedTrack source, long ntp, long rtp) {
            }

            @Override
            public void onSourceEnded(PublishedTrack source) {
                seen.add(-1);
            }
        });
        RtpPacketView view = new RtpPacketView();
        ByteBuf first = rtp(96, 7, 0x1111, (byte) 1);
        assertThat(track.onRtp(first, view.wrap(first), 0)).isTrue();
        assertThat(track.onRtp(first, view.wrap(first), 1)).as("retransmitted twice").isFalse();
        track.end();
        assertThat(seen).containsExactly(7, -1);
        assertThat(track.cached(7)).isNull();
        first.release();
        assertThat(first.refCnt()).isZero();
    }

    @Test
    void unwrapsRtxInPlace() {
        PublishedTrack track = new PublishedTrack("p", "video_main", VIDEO, Runnable::run, 16);
        ByteBuf rtx = rtp(97, 500, 0x2222, (byte) 0x12, (byte) 0x34, (byte) 0xAB, (byte) 0xCD);
        RtpPacketView view = new RtpPacketView();
        assertThat(track.unwrapRtx(rtx, view.wrap(rtx))).isTrue();
        RtpPacketView original = view.wrap(rtx);
        assertThat(original.sequenceNumber()).isEqualTo(0x1234);
        assertThat(original.ssrc()).isEqualTo(0x1111);
        assertThat(original.payloadType()).isEqualTo(96);
        assertThat(original.timestamp()).isEqualTo(1000);
        assertThat(original.payloadLength()).isEqualTo(2);
        assertThat(rtx.getUnsignedShort(original.payloadOffset())).isEqualTo(0xABCD);

        ByteBuf probe = rtp(97, 501, 0x2222);
        assertThat(track.unwrapRtx(probe, view.wrap(probe))).as("padding-only probe").isFalse();
    }

    private static final NegotiatedMedia VP9 = new NegotiatedMedia(1, "1", MediaKind.VIDEO, "recvonly",
            List.of(new NegotiatedCodec("vp9", 98, 90000, 0, "profile-id=0", 99, List.of("nack", "nack pli"))),
            ExtensionIds.empty(), List.of(new RemoteStream(0x1111, 0x2222, null, "cn")), List.of(), false, null,
            -1, -1);

    @Test
    void vp9SvcIsMeteredPerSpatialAndTemporalLayerFromTheDescriptor() {
        PublishedTrack track = new PublishedTrack("p", "cam", VP9, Runnable::run, 64);
        RtpPacketView view = new RtpPacketView();
        assertThat(track.svcSpatialLayers()).isZero();
        int seq = 0;
        // One packet per (SID, TID): B and E set, P, L, non-flexible; 12 header + 3 descriptor + payload bytes.
        for (int sid = 0; sid < 3; sid++) {
            for (int tid = 0; tid < 3; tid++) {
                byte[] payload = new byte[3 + 100 * (sid + 1)];
                payload[0] = 0x6C;
                payload[1] = (byte) (tid << 5 | sid << 1);
                ByteBuf packet = rtp(98, seq++, 0x1111, payload);
                track.onRtp(packet, view.wrap(packet), 10_000);
            }
        }
        assertThat(track.svcSpatialLayers()).isEqualTo(3);
        assertThat(track.highestTemporal()).isEqualTo(2);
        long packet0 = 8 * (12 + 103);
        long packet1 = 8 * (12 + 203);
        assertThat(track.bitrateBps(0, 0, 20_000)).isEqualTo(packet0);
        assertThat(track.bitrateBps(1, 0, 20_000)).as("SID 1 with SID 0 below it").isEqualTo(packet0 + packet1);
        assertThat(track.bitrateBps(0, 2, 20_000)).isEqualTo(3 * packet0);
        assertThat(track.bitrateBps(2, 2, 20_000)).isEqualTo(track.bitrateBps(20_000));
        assertThat(track.spatialReceivedWithin(2, 1_000_000, 1_500_000)).isTrue();
        assertThat(track.spatialReceivedWithin(2, 2_000_000, 1_500_000)).isFalse();

        ByteBuf malformed = rtp(98, seq, 0x1111, (byte) 0xA0);
        assertThat(track.onRtp(malformed, view.wrap(malformed), 30_000)).isTrue();
        assertThat(track.malformedDescriptors()).isEqualTo(1);
    }

    @Test
    void vp9WithoutLayerIndicesIsOneLayer() {
        PublishedTrack track = new PublishedTrack("p", "cam", VP9, Runnable::run, 64);
        RtpPacketView view = new RtpPacketView();
        ByteBuf packet = rtp(98, 1, 0x1111, (byte) 0x0C, (byte) 1, (byte) 2);
        track.onRtp(packet, view.wrap(packet), 0);
        assertThat(track.svcSpatialLayers()).isZero();
        assertThat(track.highestTemporal()).isEqualTo(-1);
        assertThat(track.bitrateBps(0, 0, 1)).isEqualTo(8 * 15);
    }

    @Test
    void audioTrackMetersTheLevelOfEachPacketItForwards() {
        NegotiatedMedia audio = new NegotiatedMedia(0, "0", MediaKind.AUDIO, "recvonly",
                List.of(new NegotiatedCodec("opus", 111, 48000, 2, "", -1, List.of())),
                ExtensionIds.of(java.util.Map.of(io.mediamesh.core.sdp.RtpExtensionUris.SSRC_AUDIO_LEVEL, 1)),
                List.of(new RemoteStream(0x3333, -1, null, "cn")), List.of(), false, null, -1, -1);
        PublishedTrack track = new PublishedTrack("p", "audio_main", audio, Runnable::run, 0);
        RtpPacketView view = new RtpPacketView();
        for (int seq = 1; seq <= 2; seq++) {
            ByteBuf packet = io.mediamesh.testsupport.ByteVectors.buf("""
                    90 6f 00 0%d 00 00 03 c0 00 00 33 33 // X=1, PT 111
                    be de 00 01 10 %s 00 00             // audio level id 1: V=1, level 20 / V=0, level 40
                    fc ff fe
                    """.formatted(seq, seq == 1 ? "94" : "28"));
            assertThat(track.onRtp(packet, view.wrap(packet), seq * 20_000L)).isTrue();
        }
        track.audioLevels().take();
        assertThat(track.audioLevels().windowLevel()).isEqualTo(30);
        assertThat(track.audioLevels().windowVoice()).isTrue();
        assertThat(track.audioLevels().windowPackets()).isEqualTo(2);
        assertThat(new PublishedTrack("p", "video_main", VIDEO, Runnable::run, 0).audioLevels()).isNull();
    }
}
