package io.mediamesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.srtp.SrtpProfile;
import io.mediamesh.core.srtp.SrtpSession;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a few operations of the benchmarked path (not the benchmark) and checks that what reaches the wire is what a
 * viewer's browser can decrypt: its own SSRC and payload type, the publisher's payload, the extensions renumbered and
 * the mid dropped. Guards the benchmark against silently measuring a path that drops or corrupts packets.
 */
class ForwardingPathSmokeTest {
    private static final int VIEWERS = 3;
    private static final int PACKETS = 12;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void everyViewerDecryptsTheRewrittenPublisherPacket(SrtpProfile profile) {
        List<Sent> sent = new ArrayList<>();
        ForwardingPath path = ForwardingPath.create(profile, VIEWERS, true, PooledByteBufAllocator.DEFAULT,
                (to, packet) -> sent.add(new Sent(to, packet)));
        List<SrtpSession> browsers = new ArrayList<>();
        for (int i = 0; i < VIEWERS; i++) {
            browsers.add(SrtpSession.create(BenchMedia.browserKeys(profile, i + 1L)));
        }
        try (ProtectedPacketRing ring = new ProtectedPacketRing(BenchMedia.browserKeys(profile, 0),
                BenchMedia.PUBLISHER_SSRC, PACKETS)) {
            for (int i = 0; i < PACKETS; i++) {
                assertThat(path.receive(ring.buffer(), ring.offset(i), ring.length(i), 1_000L * i)).isTrue();
            }
            assertThat(path.dropped()).isZero();
            assertThat(sent).hasSize(PACKETS * VIEWERS);

            ByteBuf expected = Unpooled.buffer(Vp8PacketWriter.PACKET_LENGTH);
            RtpPacketView in = new RtpPacketView();
            RtpPacketView out = new RtpPacketView();
            for (int n = 0; n < sent.size(); n++) {
                Sent packet = sent.get(n);
                int viewer = path.subscribers().indexOf(packet.to());
                int index = n / VIEWERS;
                assertThat(browsers.get(viewer).unprotectRtp(packet.data()))
                        .as("viewer %d decrypts packet %d", viewer, index).isTrue();
                expected.clear();
                Vp8PacketWriter.write(expected, index, BenchMedia.PUBLISHER_SSRC);
                in.wrap(expected);
                out.wrap(packet.data());

                assertThat(out.ssrc()).isEqualTo(BenchMedia.viewer(viewer).localSsrc());
                assertThat(out.payloadType()).isEqualTo(BenchMedia.VIEWER_VP8);
                assertThat(out.sequenceNumber()).isEqualTo(index);
                assertThat(out.marker()).isEqualTo(in.marker());
                assertThat(out.findExtension(BenchMedia.VIEWER_MID_ID)).as("mid is not forwarded").isEqualTo(-1);
                assertThat(packet.data().getUnsignedMedium(out.findExtension(BenchMedia.VIEWER_ABS_SEND_TIME_ID)))
                        .isEqualTo(expected.getUnsignedMedium(in.findExtension(
                                BenchMedia.PUBLISHER_ABS_SEND_TIME_ID)));
                // Transport-wide numbers are per transport: the viewer's session numbers its own packets from 0.
                assertThat(packet.data().getUnsignedShort(out.findExtension(BenchMedia.VIEWER_TRANSPORT_CC_ID)))
                        .as("the viewer session's own transport-wide number").isEqualTo(index);
                assertThat(packet.data().slice(out.payloadOffset(), out.payloadLength()))
                        .isEqualTo(expected.slice(in.payloadOffset(), in.payloadLength()));
            }
            expected.release();
        } finally {
            sent.forEach(packet -> packet.data().release());
            browsers.forEach(SrtpSession::close);
            path.close();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theRingCanBeReplayedAfterTheInboundSessionIsRekeyed(SrtpProfile profile) {
        // Longer than the retransmission cache, so the replayed first packet is not a cached duplicate any more,
        // as in the benchmark's full 65,536-packet ring.
        int size = ForwardingPath.CACHE_PACKETS + 8;
        int[] sent = new int[1];
        ForwardingPath path = ForwardingPath.create(profile, 1, false, PooledByteBufAllocator.DEFAULT,
                (to, packet) -> {
                    sent[0]++;
                    packet.release();
                });
        try (ProtectedPacketRing ring = new ProtectedPacketRing(BenchMedia.browserKeys(profile, 0),
                BenchMedia.PUBLISHER_SSRC, size)) {
            for (int i = 0; i < size; i++) {
                assertThat(path.receive(ring.buffer(), ring.offset(i), ring.length(i), i)).isTrue();
            }
            assertThat(path.receive(ring.buffer(), ring.offset(0), ring.length(0), size))
                    .as("a replayed packet is rejected without rekeying").isFalse();
            path.rekeyInbound();
            assertThat(path.receive(ring.buffer(), ring.offset(0), ring.length(0), size + 1)).isTrue();
            assertThat(path.dropped()).isEqualTo(1);
            assertThat(sent[0]).isEqualTo(size + 1);
        } finally {
            path.close();
        }
    }

    private record Sent(Subscriber to, ByteBuf data) {
    }
}
