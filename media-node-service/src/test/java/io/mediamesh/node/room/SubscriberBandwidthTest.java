package io.mediamesh.node.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RemoteStream;
import io.mediamesh.core.sfu.OutgoingStream;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.core.sfu.layer.AllocationState;
import io.mediamesh.core.sfu.layer.AllocatorSettings;
import io.mediamesh.core.sfu.layer.BitrateAllocator;
import io.mediamesh.core.sfu.layer.Layer;
import io.mediamesh.core.sfu.layer.TrackAllocation;
import io.mediamesh.core.sfu.layer.TrackDemand;
import io.mediamesh.proto.rtp.RtpPacketView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a receiver's track is put before the allocator (layers, temporal layers, measured bitrates, range) and how the
 * allocator's decision becomes the stream's temporal cap: the glue between the pure allocator and the streams.
 */
class SubscriberBandwidthTest {
    private static final List<String> FB = List.of("nack", "nack pli");

    private static NegotiatedMedia publisherMedia(long ssrc) {
        return new NegotiatedMedia(1, "1", MediaKind.VIDEO, "recvonly",
                List.of(new NegotiatedCodec("vp8", 96, 90000, 0, "", 97, FB)), ExtensionIds.of(Map.of()),
                List.of(new RemoteStream(ssrc, ssrc + 1, null, "cn")), List.of(), false, null, -1, -1);
    }

    private static final NegotiatedMedia RECEIVER = new NegotiatedMedia(1, "0", MediaKind.VIDEO, "sendonly",
            List.of(new NegotiatedCodec("vp8", 120, 90000, 0, "", 121, FB)), ExtensionIds.of(Map.of()),
            List.of(), List.of(), false, "s t", 0xAAAA, 0xBBBB);

    /** A simulcast publisher: layer {@code i} sends {@code bytes[i]} per frame, TIDs 0,2,1,2 over 30 fps for 1 s. */
    private static Publisher simulcast(int... bytesPerFrame) {
        List<PublishedTrack> layers = new java.util.ArrayList<>();
        for (int i = 0; i < bytesPerFrame.length; i++) {
            PublishedTrack layer = new PublishedTrack("alice", SpatialLayers.name("camera", i),
                    publisherMedia(1000 + 10L * i), Runnable::run, 0);
            int[] tids = {0, 2, 1, 2};
            for (int frame = 0; frame < 30; frame++) {
                ByteBuf packet = Unpooled.buffer();
                packet.writeByte(0x80).writeByte(96).writeShort(frame).writeInt(3000 * frame).writeInt(1000 + 10 * i);
                packet.writeByte(0x90).writeByte(0x20).writeByte(tids[frame % 4] << 6);
                packet.writeByte(frame == 0 ? 0x9c : 0x9d).writeZero(bytesPerFrame[i] - 16);
                layer.onRtp(packet, new RtpPacketView().wrap(packet), 33_333L * frame);
                packet.release();
            }
            layers.add(layer);
        }
        return new FixedPublisher("alice", layers);
    }

    @Test
    void eachSpatialLayerOffersItsTemporalLayersWithWhatTheyCostTogether() {
        Publisher alice = simulcast(100, 400, 1200);
        OutgoingStream out = new OutgoingStream(RECEIVER);
        out.attach(alice.trackNamed("camera"));
        long now = 990_000;
        TrackDemand demand = SubscriberBandwidth.demand(out, alice, "camera", 0, 2, 0, 1, 3, AllocationState.INITIAL,
                now);

        assertThat(demand.audio()).isFalse();
        assertThat(demand.priority()).isEqualTo(3);
        assertThat(demand.constraints().maxTemporal()).isEqualTo(1);
        assertThat(demand.layers()).extracting(Layer::spatial, Layer::temporal).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 0), org.assertj.core.groups.Tuple.tuple(0, 1),
                org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(1, 0),
                org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(1, 2),
                org.assertj.core.groups.Tuple.tuple(2, 0), org.assertj.core.groups.Tuple.tuple(2, 1),
                org.assertj.core.groups.Tuple.tuple(2, 2));
        // 30 frames in the last second: 8 of TID 0, 7 of TID 1, 15 of TID 2; a layer carries its lower TIDs too.
        Layer base = demand.layers().get(0);
        Layer all = demand.layers().get(2);
        assertThat(base.bitrateBps()).isEqualTo(8 * 100 * 8);
        assertThat(demand.layers().get(1).bitrateBps()).isEqualTo((8 + 7) * 100 * 8);
        assertThat(all.bitrateBps()).isEqualTo(30 * 100 * 8);
        assertThat(demand.layers().get(8).bitrateBps()).isEqualTo(30 * 1200 * 8);
        assertThat(demand.layers()).allMatch(Layer::active);
        assertThat(SubscriberBandwidth.demand(new OutgoingStream(RECEIVER), alice, "camera", 0, 2, 0, 2, 1,
                AllocationState.INITIAL, now)).as("a stream that plays nothing asks for nothing").isNull();
    }

    @Test
    void aShortEstimateLowersTheTemporalLayerAndTheCapFollowsIt() {
        Publisher alice = simulcast(100, 400, 1200);
        OutgoingStream out = new OutgoingStream(RECEIVER);
        out.attach(alice.trackNamed("camera"));
        long now = 990_000;
        TrackDemand demand = SubscriberBandwidth.demand(out, alice, "camera", 0, 2, 0, 2, 1, AllocationState.INITIAL,
                now);

        // 15 kbps: only spatial 0 with TIDs 0..1 (12 kbps) fits.
        TrackAllocation tight = BitrateAllocator.allocate(15_000, List.of(demand), AllocatorSettings.DEFAULT,
                now / 1000).get(0);
        assertThat(tight.target().spatial()).isZero();
        assertThat(tight.target().temporal()).isEqualTo(1);
        assertThat(SubscriberBandwidth.temporalCap(out, tight, 0, 2)).isEqualTo(1);
        assertThat(SubscriberBandwidth.temporalCap(out, tight, 2, 2)).as("the receiver's minimum wins").isEqualTo(2);

        TrackAllocation ample = BitrateAllocator.allocate(10_000_000, List.of(demand), AllocatorSettings.DEFAULT,
                now / 1000).get(0);
        assertThat(ample.target().spatial()).isEqualTo(2);
        assertThat(SubscriberBandwidth.temporalCap(out, ample, 0, 2)).as("every TID the source has: no limit")
                .isEqualTo(2);
    }

    /**
     * A VP9 L3T3 publisher: one track, every picture three one-packet layer frames (SID 0..2) of {@code bytes[sid]},
     * TIDs 0,2,1,2 over 30 fps for 1 s; SID 2 stops after {@code topFrames} pictures.
     */
    private static Publisher vp9Svc(int topFrames, int... bytes) {
        PublishedTrack track = new PublishedTrack("alice", "camera", new NegotiatedMedia(1, "1", MediaKind.VIDEO,
                "recvonly", List.of(new NegotiatedCodec("vp9", 98, 90000, 0, "profile-id=0", 99, FB)),
                ExtensionIds.of(Map.of()), List.of(new RemoteStream(3000, 3001, null, "cn")), List.of(), false, null,
                -1, -1), Runnable::run, 0);
        int[] tids = {0, 2, 1, 2};
        int sequence = 0;
        for (int frame = 0; frame < 30; frame++) {
            for (int sid = 0; sid < 3 && (sid < 2 || frame < topFrames); sid++) {
                ByteBuf packet = Unpooled.buffer();
                packet.writeByte(0x80).writeByte(98).writeShort(sequence++).writeInt(3000 * frame).writeInt(3000);
                packet.writeByte((frame == 0 ? 0 : 0x40) | 0x2C).writeByte(tids[frame % 4] << 5 | sid << 1);
                packet.writeByte(frame).writeZero(bytes[sid] - 15);
                track.onRtp(packet, new RtpPacketView().wrap(packet), 33_333L * frame);
                packet.release();
            }
        }
        return new FixedPublisher("alice", List.of(track));
    }

    @Test
    void aVp9SvcTrackOffersSpatialTimesTemporalLayersFromItsOneStream() {
        Publisher alice = vp9Svc(30, 100, 400, 1200);
        OutgoingStream out = new OutgoingStream(RECEIVER_VP9);
        assertThat(out.attach(alice.trackNamed("camera"))).isTrue();
        long now = 990_000;
        TrackDemand demand = SubscriberBandwidth.demand(out, alice, "camera", 0, 2, 0, 2, 1, AllocationState.INITIAL,
                now);
        assertThat(demand.layers()).extracting(Layer::spatial, Layer::temporal).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 0), org.assertj.core.groups.Tuple.tuple(0, 1),
                org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(1, 0),
                org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(1, 2),
                org.assertj.core.groups.Tuple.tuple(2, 0), org.assertj.core.groups.Tuple.tuple(2, 1),
                org.assertj.core.groups.Tuple.tuple(2, 2));
        assertThat(demand.layers().get(0).bitrateBps()).as("SID 0, TID 0: 8 frames").isEqualTo(8 * 100 * 8);
        assertThat(demand.layers().get(5).bitrateBps()).as("SIDs 0-1, every TID").isEqualTo(30 * 500 * 8);
        assertThat(demand.layers().get(8).bitrateBps()).isEqualTo(30 * 1700 * 8);
        assertThat(demand.layers()).allMatch(Layer::active);

        TrackAllocation small = BitrateAllocator.allocate(10_000_000, List.of(SubscriberBandwidth.demand(out, alice,
                "camera", 0, 0, 0, 2, 1, AllocationState.INITIAL, now)), AllocatorSettings.DEFAULT, now / 1000)
                .get(0);
        assertThat(small.target().spatial()).as("maxSpatial 0: the smallest layer").isZero();
        TrackAllocation tight = BitrateAllocator.allocate(100_000, List.of(demand), AllocatorSettings.DEFAULT,
                now / 1000).get(0);
        // Frame rate before resolution: SIDs 0-1 at every TID (120 kbps) do not fit, and SIDs 0-1 at TIDs 0-1
        // (60 kbps, half the frame rate) is no step of the ladder; SID 0 at every TID (24 kbps) is taken.
        assertThat(tight.target()).as("SID 0 at the full frame rate")
                .isEqualTo(new io.mediamesh.core.sfu.layer.LayerTarget(0, 2));
        assertThat(SubscriberBandwidth.temporalCap(out, tight, 0, 2)).as("no temporal cap")
                .isEqualTo(io.mediamesh.core.sfu.layer.LayerConstraints.MAX_INDEX);
        TrackAllocation quarter = BitrateAllocator.allocate(15_000, List.of(demand), AllocatorSettings.DEFAULT,
                now / 1000).get(0);
        assertThat(quarter.target()).as("below that, SID 0's temporal layers go").isEqualTo(
                new io.mediamesh.core.sfu.layer.LayerTarget(0, 1));
        assertThat(SubscriberBandwidth.temporalCap(out, quarter, 0, 2)).isEqualTo(1);
    }

    @Test
    void aVp9SpatialLayerThePublisherStoppedIsInactive() {
        Publisher alice = vp9Svc(3, 100, 400, 1200);
        OutgoingStream out = new OutgoingStream(RECEIVER_VP9);
        out.attach(alice.trackNamed("camera"));
        // SID 2 last seen at 66 ms; 1.6 s later it counts as stopped, SID 0 and 1 (last at 967 ms) do not.
        TrackDemand demand = SubscriberBandwidth.demand(out, alice, "camera", 0, 2, 0, 2, 1, AllocationState.INITIAL,
                1_670_000);
        assertThat(demand.layers()).filteredOn(Layer::active).extracting(Layer::spatial).containsOnly(0, 1);
        assertThat(demand.layers()).filteredOn(l -> !l.active()).extracting(Layer::spatial).containsOnly(2);
    }

    private static final NegotiatedMedia RECEIVER_VP9 = new NegotiatedMedia(1, "0", MediaKind.VIDEO, "sendonly",
            List.of(new NegotiatedCodec("vp9", 120, 90000, 0, "profile-id=0", 121, FB)), ExtensionIds.of(Map.of()),
            List.of(), List.of(), false, "s t", 0xAAAA, 0xBBBB);
}
