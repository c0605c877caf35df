package io.mediamesh.core.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayerMetersTest {
    @Test
    void aLayerCostsItselfAndEveryLowerSpatialAndTemporalLayer() {
        LayerMeters meters = new LayerMeters();
        assertThat(meters.highestSpatial()).isEqualTo(-1);
        // 1 000 bytes per (s, t) times (s + 1) * 10 + t: distinct sums.
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 3; t++) {
                meters.add(s, t, 1000 * ((s + 1) * 10 + t), 50_000);
            }
        }
        assertThat(meters.bitrateBps(0, 0, 100_000)).isEqualTo(8 * 10_000);
        assertThat(meters.bitrateBps(0, 2, 100_000)).isEqualTo(8 * (10_000 + 11_000 + 12_000));
        assertThat(meters.bitrateBps(1, 0, 100_000)).isEqualTo(8 * (10_000 + 20_000));
        assertThat(meters.bitrateBps(2, 2, 100_000)).isEqualTo(8 * 1000 * (10 + 11 + 12 + 20 + 21 + 22 + 30 + 31
                + 32));
        assertThat(meters.highestSpatial()).isEqualTo(2);
        assertThat(meters.highestTemporal()).isEqualTo(2);
        assertThat(meters.bitrateBps(2, 2, 1_200_000)).as("a second later").isZero();
    }

    @Test
    void indexesAboveTwoCountAsTwoAndEachSpatialLayerHasItsLastArrival() {
        LayerMeters meters = new LayerMeters();
        meters.add(5, 7, 100, 0);
        meters.add(0, 0, 100, 1_000_000);
        assertThat(meters.highestSpatial()).isEqualTo(2);
        assertThat(meters.highestTemporal()).isEqualTo(2);
        assertThat(meters.spatialSeenWithin(2, 1_000_000, 1_500_000)).isTrue();
        assertThat(meters.spatialSeenWithin(2, 2_000_000, 1_500_000)).as("layer 2 stopped").isFalse();
        assertThat(meters.spatialSeenWithin(0, 2_000_000, 1_500_000)).isTrue();
        assertThat(meters.spatialSeenWithin(1, 2_000_000, 1_500_000)).as("never seen").isFalse();
    }
}
