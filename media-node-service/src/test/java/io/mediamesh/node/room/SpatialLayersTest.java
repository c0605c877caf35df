package io.mediamesh.node.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which simulcast layer a receiver plays, given which layers are being sent and its layer range. */
class SpatialLayersTest {

    @ParameterizedTest(name = "live {0}, range {1}..{2} -> {3}")
    @CsvSource({
        "111, 0, 2, 2",
        "111, 0, 0, 0",
        "111, 1, 1, 1",
        "110, 0, 2, 1",   // the top layer paused (CPU or bandwidth): the next one down
        "100, 1, 2, 0",   // nothing in range: a lower picture beats none
        "011, 0, 0, 1",   // layer 0 paused and the range allows only it: the lowest live above
        "000, 0, 2, -1",
        "1,   0, 2, 0",   // not simulcast: the one track
        "101, 1, 1, 0",   // below the range is preferred to above it
    })
    void choosesTheHighestLiveLayerInRangeElseTheNearestPicture(String live, int min, int max, int expected) {
        boolean[] flags = new boolean[live.trim().length()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = live.trim().charAt(i) == '1';
        }
        assertThat(SpatialLayers.choose(flags, min, max)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"camera, 0, camera", "camera, 1, camera#1", "screen, 2, screen#2"})
    void layerNames(String base, int index, String name) {
        assertThat(SpatialLayers.name(base, index)).isEqualTo(name);
        assertThat(SpatialLayers.isHigherLayer(name)).isEqualTo(index > 0);
        assertThat(SpatialLayers.baseOf(name)).isEqualTo(base);
        assertThat(SpatialLayers.indexOf(name)).isEqualTo(index);
    }
}
