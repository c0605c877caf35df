package io.mediamesh.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** InterArrival grouping and the trendline detector on synthetic delay ramps. */
class DelayDetectionTest {
    @Test
    void packetsWithinFiveMillisecondsOfSendTimeFormOneGroup() {
        InterArrival groups = new InterArrival();
        // group A: sent 0..4 ms, group B: sent 10..14 ms, group C starts at 20 ms and completes B
        assertThat(groups.add(0, 100_000)).isFalse();
        assertThat(groups.add(4_000, 104_000)).isFalse();
        assertThat(groups.add(10_000, 112_000)).isFalse();
        assertThat(groups.add(14_000, 117_000)).isFalse();
        assertThat(groups.add(20_000, 124_000)).isTrue();
        assertThat(groups.sendDeltaMicros()).isEqualTo(10_000);
        assertThat(groups.arrivalDeltaMicros()).isEqualTo(13_000);
    }

    @Test
    void aReorderedPacketIsIgnored() {
        InterArrival groups = new InterArrival();
        groups.add(10_000, 100_000);
        assertThat(groups.add(2_000, 101_000)).isFalse();
    }

    @Test
    void aBurstReleasedByAQueueJoinsTheGroup() {
        InterArrival groups = new InterArrival();
        groups.add(0, 100_000);
        // sent 20 ms later but arrives 1 ms after: released from a queue together, not a delay decrease
        assertThat(groups.add(20_000, 101_000)).isFalse();
        assertThat(groups.add(40_000, 130_000)).isFalse();
        assertThat(groups.add(60_000, 150_000)).isTrue();
        assertThat(groups.sendDeltaMicros()).isEqualTo(20_000);
        assertThat(groups.arrivalDeltaMicros()).isEqualTo(29_000);
    }

    @ParameterizedTest(name = "delay change {0} µs per 10 ms group -> {1}")
    @CsvSource({
        "0,     NORMAL",
        "300,   NORMAL",      // 3 % queue growth: noise, under the adaptive threshold
        "2000,  OVERUSING",   // the queue grows 2 ms every 10 ms: sending 20 % over capacity
        "-2000, UNDERUSING",  // the queue drains
    })
    void theTrendOfTheDelayDecides(long delayChangePerGroup, BandwidthUsage expected) {
        TrendlineDetector detector = new TrendlineDetector();
        long arrival = 0;
        BandwidthUsage usage = BandwidthUsage.NORMAL;
        for (int i = 0; i < 40; i++) {
            arrival += 10_000 + delayChangePerGroup;
            usage = detector.update(10_000, 10_000 + delayChangePerGroup, arrival);
        }
        assertThat(usage).isEqualTo(expected);
    }

    @Test
    void theThresholdAdaptsUpUnderPersistentSmallTrendsAndStaysInItsBounds() {
        TrendlineDetector detector = new TrendlineDetector();
        double initial = detector.thresholdMs();
        long arrival = 0;
        for (int i = 0; i < 2000; i++) {
            long jitter = i % 2 == 0 ? 1500 : -1000;
            arrival += 10_000 + jitter;
            detector.update(10_000, 10_000 + jitter, arrival);
        }
        assertThat(detector.thresholdMs()).isNotEqualTo(initial).isBetween(6.0, 600.0);
    }
}
