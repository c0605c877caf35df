package io.mediamesh.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trace replay: a capacity step 2 Mbps → 500 kbps → 2 Mbps through {@link BottleneckPath} (20 ms one-way, 300 ms
 * drop-tail queue, 1200-byte packets paced at the estimate, feedback every 100 ms). Virtual time: the figures are
 * deterministic and say how fast GCC-style estimation follows without probing.
 */
class BandwidthEstimatorTraceTest {
    private static final long SECOND = 1_000_000;
    private static final long HIGH = 2_000_000;
    private static final long LOW = 500_000;
    private static final long DOWN_AT = 25 * SECOND;
    private static final long UP_AT = 45 * SECOND;
    private static final long END = 75 * SECOND;

    @Test
    void followsACapacityStepDownAndUpWithoutWildOscillation() {
        BandwidthEstimator estimator = new BandwidthEstimator(BweSettings.DEFAULT);
        BottleneckPath path = new BottleneckPath(estimator, t -> t >= DOWN_AT && t < UP_AT ? LOW : HIGH,
                20_000, 300_000, 1200);
        path.run(END);
        List<long[]> trace = path.trace;
        if (Boolean.getBoolean("bwe.dump")) {
            trace.forEach(s -> System.out.println(s[0] / 1000 + " " + s[1] / 1000 + " " + s[2] / 1000));
        }

        double rampUp = firstTimeAtLeast(trace, 0, (long) (0.8 * HIGH)) / 1e6;
        double down = (firstTimeAtMost(trace, DOWN_AT, (long) (1.2 * LOW)) - DOWN_AT) / 1e6;
        double up = (firstTimeAtLeast(trace, UP_AT, (long) (0.8 * HIGH)) - UP_AT) / 1e6;
        long[] lowBand = band(trace, DOWN_AT + 5 * SECOND, UP_AT);
        long[] highBand = band(trace, UP_AT + 20 * SECOND, END);
        long maxQueueLow = maxQueue(trace, DOWN_AT + 5 * SECOND, UP_AT);
        System.out.printf("bwe trace: ramp-up to 80%% of 2 Mbps %.1f s; after the drop to 500 kbps under 600 kbps "
                + "in %.1f s; after the rise back to 80%% of 2 Mbps in %.1f s; steady 500 kbps band %d-%d kbps, "
                + "steady 2 Mbps band %d-%d kbps; queue delay in the low phase max %d ms; dropped %d of %d%n",
                rampUp, down, up, lowBand[0] / 1000, lowBand[1] / 1000, highBand[0] / 1000, highBand[1] / 1000,
                maxQueueLow / 1000, path.droppedPackets(), path.sentPackets());

        // Without probing, growth far from the last known capacity is GCC's 8 % per second: 300 kbps -> 1.6 Mbps
        // takes ln(5.3)/ln(1.08) = 22 s, 500 kbps -> 1.6 Mbps about 15 s. Probing would shorten both.
        assertThat(rampUp).as("start 300 kbps to 1.6 Mbps").isLessThan(25);
        assertThat(down).as("seconds to follow the drop").isLessThan(2);
        assertThat(up).as("seconds to regain 80 % after the rise (no probing)").isLessThan(20);
        assertThat(lowBand[0]).as("no collapse while steady at 500 kbps").isGreaterThan((long) (LOW * 0.75));
        assertThat(lowBand[1]).as("no overshoot while steady at 500 kbps").isLessThan((long) (LOW * 1.15));
        assertThat(highBand[0]).as("no collapse while steady at 2 Mbps").isGreaterThan((long) (HIGH * 0.75));
        assertThat(highBand[1]).as("no overshoot while steady at 2 Mbps").isLessThan((long) (HIGH * 1.15));
        assertThat(maxQueueLow).as("the delay-based control keeps the queue short").isLessThan(200_000);
    }

    private static long firstTimeAtLeast(List<long[]> trace, long from, long bps) {
        return trace.stream().filter(s -> s[0] >= from && s[1] >= bps).mapToLong(s -> s[0]).findFirst()
                .orElse(Long.MAX_VALUE / 2);
    }

    private static long firstTimeAtMost(List<long[]> trace, long from, long bps) {
        return trace.stream().filter(s -> s[0] >= from && s[1] <= bps).mapToLong(s -> s[0]).findFirst()
                .orElse(Long.MAX_VALUE / 2);
    }

    private static long[] band(List<long[]> trace, long from, long to) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long[] s : trace) {
            if (s[0] >= from && s[0] < to) {
                min = Math.min(min, s[1]);
                max = Math.max(max, s[1]);
            }
        }
        return new long[] {min, max};
    }

    private static long maxQueue(List<long[]> trace, long from, long to) {
        return trace.stream().filter(s -> s[0] >= from && s[0] < to).mapToLong(s -> s[2]).max().orElse(0);
    }
}
