package io.mediamesh.core.sfu.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LayerSelectorTest {
    /** Three simulcast encodings with three temporal layers each (cumulative bitrates, kbps). */
    private static final long[][] KBPS = {{60, 100, 150}, {250, 400, 500}, {900, 1400, 1700}};

    private static List<Layer> layers(boolean... spatialActive) {
        List<Layer> all = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 3; t++) {
                all.add(new Layer(s, t, KBPS[s][t] * 1000, spatialActive.length == 0 || spatialActive[s]));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} kbps, current {1}/{2}, range s{3}-{4} t{5}-{6} -> {7}/{8}")
    @CsvSource({
        // allocation, current s/t, min/max spatial, min/max temporal -> expected s/t
        "3000, -1, -1, 0, 2, 0, 2, 2, 2",   // plenty: the top layer
        "1500, -1, -1, 0, 2, 0, 2, 2, 1",   // first choice needs no margin
        "450,  -1, -1, 0, 2, 0, 2, 1, 1",
        "40,   -1, -1, 0, 2, 0, 2, 0, 0",   // short of everything: the lowest layer is kept
        "3000, -1, -1, 0, 0, 0, 2, 0, 2",   // maxSpatial 0: thumbnails only
        "3000, -1, -1, 0, 1, 0, 0, 1, 0",   // maxTemporal 0
        "100,  -1, -1, 1, 2, 0, 2, 1, 0",   // minSpatial 1 kept although 100 kbps fits only spatial 0
        "1450, 2,  0, 0, 2, 0, 2, 2, 0",    // up from 2/0 to 2/1 needs 1400 * 1.15 = 1610: stays (2/0 still fits)
        "1650, 2,  0, 0, 2, 0, 2, 2, 1",    // 1610 fits: up to 2/1
        "1300, 2,  1, 0, 2, 0, 2, 2, 0",    // down at once when 2/1 no longer fits
    })
    void selects(long kbps, int currentS, int currentT, int minS, int maxS, int minT, int maxT, int s, int t) {
        LayerTarget current = currentS < 0 ? LayerTarget.NONE : new LayerTarget(currentS, currentT);
        LayerTarget target = LayerSelector.select(layers(), new LayerConstraints(minS, maxS, minT, maxT, false),
                kbps * 1000, current, 0.15);
        assertThat(target).isEqualTo(new LayerTarget(s, t));
    }

    @Test
    void pausedGetsNothing() {
        assertThat(LayerSelector.select(layers(), new LayerConstraints(0, 2, 0, 2, true), 5_000_000,
                new LayerTarget(2, 2), 0.15)).isEqualTo(LayerTarget.NONE);
    }

    @Test
    void whenTheRangeIsNotSentTheBestLowerActiveLayerIsUsed() {
        // The publisher stopped its two upper encodings (e.g. its uplink is poor); the receiver wants spatial 1..2.
        LayerTarget target = LayerSelector.select(layers(true, false, false), new LayerConstraints(1, 2, 0, 2, false),
                5_000_000, LayerTarget.NONE, 0.15);
        assertThat(target).isEqualTo(new LayerTarget(0, 2));
        assertThat(LayerSelector.select(layers(false, false, false), LayerConstraints.ANY, 5_000_000,
                LayerTarget.NONE, 0.15)).isEqualTo(LayerTarget.NONE);
    }

    @Test
    void anEstimateHoveringAtALayersBitrateDoesNotFlicker() {
        LayerTarget current = LayerTarget.NONE;
        int switches = 0;
        for (int i = 0; i < 100; i++) {
            long estimate = 1_400_000 + (i % 2 == 0 ? 60_000 : -20_000); // 1.46 / 1.38 Mbps around 2/1's 1.4 Mbps
            LayerTarget next = LayerSelector.select(layers(), LayerConstraints.ANY, estimate, current, 0.15);
            if (!next.equals(current)) {
                switches++;
            }
            current = next;
        }
        // 2/1 at the first 1.46 Mbps, down to 2/0 at the first 1.38, then never up again: going up needs 1.61.
        assertThat(switches).as("the first choice and one step down, then stable").isEqualTo(2);
        assertThat(current).isEqualTo(new LayerTarget(2, 0));
    }

    @Test
    void constraintsAreValidated() {
        assertThatThrownBy(() -> new LayerConstraints(2, 1, 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spatial");
        assertThatThrownBy(() -> new LayerConstraints(0, 2, 0, 3, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temporal");
    }
}
