package io.mediamesh.core.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BitrateMeterTest {

    @Test
    void measuresTheLastSecondAndForgetsOlderSlots() {
        BitrateMeter meter = new BitrateMeter();
        // 1000 bytes every 10 ms for 2 s: 800 kbps.
        for (long t = 0; t < 2_000_000; t += 10_000) {
            meter.add(1000, t);
        }
        assertThat(meter.bitrateBps(1_999_999)).isEqualTo(800_000);
        // 450 ms of silence: 4 of the 10 slots have emptied (the current one is partial).
        assertThat(meter.bitrateBps(2_450_000)).isEqualTo(800_000 * 5 / 10);
        assertThat(meter.bitrateBps(3_000_000)).as("a whole second of silence").isZero();
        assertThat(meter.bitrateBps(60_000_000)).isZero();
    }

    @Test
    void aLongGapResetsEverySlot() {
        BitrateMeter meter = new BitrateMeter();
        meter.add(5000, 0);
        meter.add(100, 10_000_000);
        assertThat(meter.bitrateBps(10_000_000)).isEqualTo(800);
    }
}
