package io.mediamesh.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.sfu.layer.AllocationState;
import io.mediamesh.core.sfu.layer.AllocatorSettings;
import io.mediamesh.core.sfu.layer.BitrateAllocator;
import io.mediamesh.core.sfu.layer.Layer;
import io.mediamesh.core.sfu.layer.LayerConstraints;
import io.mediamesh.core.sfu.layer.LayerTarget;
import io.mediamesh.core.sfu.layer.TrackAllocation;
import io.mediamesh.core.sfu.layer.TrackDemand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimator and the allocator together: the estimate of the capacity-step replay (2 Mbps → 500 kbps → 2 Mbps,
 * see {@link BandwidthEstimatorTraceTest}) allocated every 100 ms to one receiver of an audio track and a 3×3
 * simulcast video track. Counts layer switches per phase (flicker) and how fast the layer follows the step.
 */
class AllocationTraceTest {
    private static final long SECOND = 1_000_000;
    private static final long DOWN_AT = 25 * SECOND;
    private static final long UP_AT = 45 * SECOND;
    private static final long[][] KBPS = {{100, 150, 200}, {300, 450, 550}, {900, 1300, 1600}};

    @Test
    void layersFollowTheStepAndDoNotFlicker() {
        BandwidthEstimator estimator = new BandwidthEstimator(BweSettings.DEFAULT);
        BottleneckPath path = new BottleneckPath(estimator, t -> t >= DOWN_AT && t < UP_AT ? 500_000 : 2_000_000,
                20_000, 300_000, 1200);
        path.run(75 * SECOND);

        List<Layer> video = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 3; t++) {
                video.add(new Layer(s, t, KBPS[s][t] * 1000, true));
            }
        }
        List<Layer> audio = List.of(new Layer(0, 0, 40_000, true));
        AllocationState audioState = AllocationState.INITIAL;
        AllocationState videoState = AllocationState.INITIAL;
        int[] switchesPerPhase = new int[3];
        long downFollowed = -1;
        long upFollowed = -1;
        int steadySwitches = 0;
        for (long[] sample : path.trace) {
            long now = sample[0];
            List<TrackAllocation> result = BitrateAllocator.allocate(sample[1], List.of(
                    new TrackDemand("mic", true, 1, LayerConstraints.ANY, audio, audioState),
                    new TrackDemand("cam", false, 1, LayerConstraints.ANY, video, videoState)),
                    AllocatorSettings.DEFAULT, now / 1000);
            audioState = result.get(0).state();
            LayerTarget before = videoState.current();
            videoState = result.get(1).state();
            long total = result.get(0).bitrateBps() + result.get(1).bitrateBps();
            int phase = now < DOWN_AT ? 0 : now < UP_AT ? 1 : 2;
            if (!before.isNone() && !before.equals(videoState.current())) {
                switchesPerPhase[phase]++;
                if (now >= DOWN_AT + 10 * SECOND && now < UP_AT || now >= UP_AT + 20 * SECOND) {
                    steadySwitches++;
                }
            }
            if (phase == 1 && downFollowed < 0 && total <= 500_000) {
                downFollowed = now - DOWN_AT;
            }
            if (phase == 2 && upFollowed < 0 && videoState.current().spatial() == 2) {
                upFollowed = now - UP_AT;
            }
        }
        System.out.printf("allocation trace: layer switches per phase %d / %d / %d (%d while steady: 35-45 s and 65-75 s); allocation under 500 kbps "
                + "%.1f s after the drop; back on spatial layer 2 %.1f s after the rise; final %s%n",
                switchesPerPhase[0], switchesPerPhase[1], switchesPerPhase[2], steadySwitches, downFollowed / 1e6, upFollowed / 1e6,
                videoState.current());

        assertThat(downFollowed).as("follows the drop").isBetween(0L, 2 * SECOND);
        assertThat(upFollowed).as("climbs back after the rise").isBetween(0L, 25 * SECOND);
        // Ramp-up climbs through at most 8 layers; the steady low phase must not see the layer go back and forth.
        assertThat(switchesPerPhase[0]).isLessThanOrEqualTo(9);
        assertThat(switchesPerPhase[1]).as("drop, then at most a settle").isLessThanOrEqualTo(4);
        assertThat(switchesPerPhase[2]).isLessThanOrEqualTo(9);
        assertThat(steadySwitches).as("no flicker once the estimate saw-tooths around the capacity").isZero();
        // 2/2 + audio = 1.64 Mbps stays below the bottom of the estimate's saw-tooth at 2 Mbps (about 1.7 Mbps).
        assertThat(videoState.current()).isEqualTo(new LayerTarget(2, 2));
    }
}
