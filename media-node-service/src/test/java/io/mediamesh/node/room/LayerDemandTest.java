package io.mediamesh.node.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.sdp.ExtensionIds;
import io.mediamesh.core.sdp.MediaKind;
import io.mediamesh.core.sdp.NegotiatedCodec;
import io.mediamesh.core.sdp.NegotiatedMedia;
import io.mediamesh.core.sdp.RemoteStream;
import io.mediamesh.core.sfu.PublishedTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Publisher-side control: which layers receivers want, how many stay active, and the REMB cap that follows. */
class LayerDemandTest {
    private static final long SECOND = 1_000_000;

    private static Publisher threeLayers() {
        List<PublishedTrack> layers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NegotiatedMedia media = new NegotiatedMedia(1, "1", MediaKind.VIDEO, "recvonly",
                    List.of(new NegotiatedCodec("vp8", 96, 90000, 0, "", 97, List.of())), ExtensionIds.of(Map.of()),
                    List.of(new RemoteStream(100 + i, -1, null, "cn")), List.of(), false, null, -1, -1);
            layers.add(new PublishedTrack("alice", SpatialLayers.name("camera", i), media, Runnable::run, 0));
        }
        return new FixedPublisher("alice", layers);
    }

    @Test
    void theHighestLayerAnyReceiverAsksForStaysActiveForTheHoldThenTheLayersAboveTheLowestPause() {
        Publisher alice = threeLayers();
        List<PublishedTrack> layers = SpatialLayers.of(alice, "camera");
        assertThat(LayerDemand.activeLayers(layers, 0)).as("nobody asks: the lowest layer only").isEqualTo(1);

        LayerDemand.want(alice, "camera", 0, 0, 0); // a thumbnail receiver
        assertThat(LayerDemand.activeLayers(layers, 0)).isEqualTo(1);
        LayerDemand.want(alice, "camera", 0, 1, 0);
        assertThat(LayerDemand.activeLayers(layers, 0)).isEqualTo(2);
        LayerDemand.want(alice, "camera", 0, 7, SECOND); // no limit: the top layer the publisher has
        assertThat(LayerDemand.activeLayers(layers, SECOND)).isEqualTo(3);

        long lastTopWant = SECOND;
        assertThat(LayerDemand.activeLayers(layers, lastTopWant + LayerDemand.HOLD_MICROS - 1))
                .as("held until the want expires").isEqualTo(3);
        assertThat(LayerDemand.activeLayers(layers, lastTopWant + LayerDemand.HOLD_MICROS))
                .as("the middle want expired earlier too").isEqualTo(1);
    }

    @Test
    void aReceiversMinimumAboveItsMaximumIsWhatItWants() {
        Publisher alice = threeLayers();
        LayerDemand.want(alice, "camera", 2, 1, 0);
        assertThat(LayerDemand.activeLayers(SpatialLayers.of(alice, "camera"), 0)).isEqualTo(3);
        LayerDemand.want(alice, "nothing", 0, 2, 0); // a track the publisher does not have: no effect, no failure
        LayerDemand.want(null, "camera", 0, 2, 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case | layers of track 1 (kbps) | active | layers of track 2 | active | cap (kbps)
        "every layer wanted: no cap                 | 100 400 1200 | 3 | 300 | 1 | 2500",
        "top unwanted: 1.5 x (100 + 400 + 300)      | 100 400 1200 | 2 | 300 | 1 | 1200",
        "only the lowest wanted, floor 300          | 100 400 1200 | 1 |     | 0 | 300",
        "a wanted layer measures nothing: no cap    | 100 0 1200   | 2 |     | 0 | 2500",
        "the cap never exceeds the configured max   | 900 1500 2000| 2 |     | 0 | 2500",
    })
    void theCapFollowsWhatTheWantedLayersUse(String name, String first, int firstActive, String second,
            int secondActive, long capKbps) {
        List<LayerDemand.TrackUse> tracks = new ArrayList<>();
        tracks.add(new LayerDemand.TrackUse(kbps(first), firstActive));
        if (second != null) {
            tracks.add(new LayerDemand.TrackUse(kbps(second), secondActive));
        }
        assertThat(LayerDemand.cap(2_500_000, tracks)).isEqualTo(capKbps * 1000);
    }

    private static long[] kbps(String list) {
        return java.util.Arrays.stream(list.trim().split("\\s+")).mapToLong(k -> Long.parseLong(k) * 1000).toArray();
    }
}
