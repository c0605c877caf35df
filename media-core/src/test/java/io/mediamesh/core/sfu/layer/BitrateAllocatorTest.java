package io.mediamesh.core.sfu.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitrateAllocatorTest {
    /** Three simulcast encodings with three temporal layers each (cumulative bitrates, kbps). */
    private static final long[][] KBPS = {{60, 100, 150}, {250, 400, 500}, {900, 1400, 1700}};
    private static final List<Layer> AUDIO = List.of(new Layer(0, 0, 40_000, true));
    private static final AllocatorSettings NO_HOLD = new AllocatorSettings(0.10, 0);

    static List<Layer> video() {
        List<Layer> all = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 3; t++) {
                all.add(new Layer(s, t, KBPS[s][t] * 1000, true));
            }
        }
        return all;
    }

    private static TrackDemand video(String id, int priority, LayerConstraints range) {
        return new TrackDemand(id, false, priority, range, video(), AllocationState.INITIAL);
    }

    private static TrackDemand audio(String id) {
        return new TrackDemand(id, true, 1, LayerConstraints.ANY, AUDIO, AllocationState.INITIAL);
    }

    private static String targets(List<TrackAllocation> allocations) {
        StringBuilder out = new StringBuilder();
        for (TrackAllocation a : allocations) {
            out.append(out.isEmpty() ? "" : " ").append(a.target().isNone() ? "-"
                    : a.target().spatial() + "/" + a.target().temporal());
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0} kbps, priorities {1}/{2} -> {3}")
    @CsvSource({
        // estimate, priority of video A, priority of video B -> audio, A, B
        // The ladder: 0/0 (60), 0/1 (100), 0/2 (150), then full rate only: 1/2 (500), 2/2 (1700)
        "5000, 1, 1, '0/0 2/2 2/2'", // plenty for all
        "100,  1, 1, '0/0 0/0 0/0'", // short: audio + both minimums (160 kbps) although only 100 fits
        // 600: 440 left after audio and minimums; A and B climb one step each per round: 0/1, 0/2 each (260 left),
        // then 1/2 (+350) fits for neither: full frame rate at the small size, not 1/0 at a quarter of it
        "600,  1, 1, '0/0 0/2 0/2'",
        // 900: 740 left; A 0/1, B 0/1, A 0/2, B 0/2 (560), A 1/2 (210), B's 1/2 does not fit: ties go in input order
        "900,  1, 1, '0/0 1/2 0/2'",
        // B first, two per round: B 0/1 0/2, A 0/1; B 1/2 (260), A 0/2 (210): the priority decides who gets 1/2
        "900,  1, 2, '0/0 0/2 1/2'",
        // B first, three per round: B 0/1 0/2 1/2, A 0/1; B 2/2 (160 left), A 0/2 (110); A's 1/2 does not fit
        "2000, 1, 3, '0/0 0/2 2/2'",
        "2000, 3, 1, '0/0 2/2 0/2'", // the same with the priorities swapped
    })
    void splitsByPriorityAudioFirstMinimumsKept(long kbps, int priorityA, int priorityB, String expected) {
        List<TrackAllocation> result = BitrateAllocator.allocate(kbps * 1000,
                List.of(audio("mic"), video("a", priorityA, LayerConstraints.ANY),
                        video("b", priorityB, LayerConstraints.ANY)), NO_HOLD, 0);
        assertThat(targets(result)).isEqualTo(expected);
        assertThat(result.get(0).bitrateBps()).isEqualTo(40_000);
    }

    @Test
    void constraintsBoundTheClimbAndPausedTracksCostNothing() {
        List<TrackAllocation> result = BitrateAllocator.allocate(2_000_000, List.of(
                video("thumb", 1, new LayerConstraints(0, 0, 0, 2, false)),
                video("paused", 5, new LayerConstraints(0, 2, 0, 2, true)),
                video("atLeastMid", 1, new LayerConstraints(1, 2, 1, 2, false))), NO_HOLD, 0);
        // thumb stops at its maxSpatial 0 (0/2, 150); atLeastMid starts at its minimum 1/1 and climbs 1/2, then
        // straight to 2/2 (above its lowest spatial layer only full rate is a step): 150 + 1700 = 1850 of 2000
        assertThat(targets(result)).isEqualTo("0/2 - 2/2");
        assertThat(result.get(1).bitrateBps()).isZero();
        assertThat(result.stream().mapToLong(TrackAllocation::bitrateBps).sum()).isEqualTo(1_850_000);
    }

    @Test
    void aMinimumAboveTheEstimateIsStillKept() {
        List<TrackAllocation> result = BitrateAllocator.allocate(100_000,
                List.of(video("hd", 1, new LayerConstraints(2, 2, 0, 2, false))), NO_HOLD, 0);
        assertThat(result.get(0).target()).isEqualTo(new LayerTarget(2, 0));
        assertThat(result.get(0).bitrateBps()).isEqualTo(900_000);
    }

    @Test
    void goingUpWaitsForTheHoldAndTheMarginGoingDownIsImmediate() {
        AllocatorSettings settings = new AllocatorSettings(0.10, 1_000);
        TrackDemand start = new TrackDemand("v", false, 1, LayerConstraints.ANY, video(),
                new AllocationState(new LayerTarget(1, 2), -1));
        // 1/2 -> 2/2 needs 1700 * 1.1 = 1870 kbps
        TrackAllocation at0 = one(1_860_000, start, settings, 0);
        assertThat(at0.target()).as("inside the margin: stays").isEqualTo(new LayerTarget(1, 2));
        assertThat(at0.state().upSinceMillis()).isEqualTo(-1);

        TrackAllocation at100 = one(1_900_000, with(start, at0.state()), settings, 100);
        assertThat(at100.target()).as("affordable, but the hold has just started").isEqualTo(new LayerTarget(1, 2));
        assertThat(at100.state().upSinceMillis()).isEqualTo(100);

        TrackAllocation at600 = one(1_900_000, with(start, at100.state()), settings, 600);
        assertThat(at600.target()).isEqualTo(new LayerTarget(1, 2));

        TrackAllocation at700 = one(1_800_000, with(start, at600.state()), settings, 700);
        assertThat(at700.state().upSinceMillis()).as("an interruption restarts the hold").isEqualTo(-1);

        TrackAllocation at800 = one(1_900_000, with(start, at700.state()), settings, 800);
        TrackAllocation at1800 = one(1_900_000, with(start, at800.state()), settings, 1_800);
        assertThat(at1800.target()).as("held 1 s: granted").isEqualTo(new LayerTarget(2, 2));

        TrackAllocation down = one(1_400_000, with(start, at1800.state()), settings, 1_850);
        assertThat(down.target()).as("down at once").isEqualTo(new LayerTarget(1, 2));
    }

    @Test
    void aNewReceiverAndAVanishedLayerSwitchAtOnce() {
        AllocatorSettings settings = new AllocatorSettings(0.10, 10_000);
        TrackAllocation first = one(2_000_000, video("v", 1, LayerConstraints.ANY), settings, 0);
        assertThat(first.target()).isEqualTo(new LayerTarget(2, 2));

        List<Layer> upperGone = video().stream().map(l -> new Layer(l.spatial(), l.temporal(), l.bitrateBps(),
                l.spatial() < 2)).toList();
        TrackDemand onLayer1 = new TrackDemand("v", false, 1, LayerConstraints.ANY, upperGone,
                new AllocationState(new LayerTarget(2, 2), -1));
        assertThat(one(2_000_000, onLayer1, settings, 1).target()).isEqualTo(new LayerTarget(1, 2));
    }

    @Test
    void anEstimateHoveringAtALayerBoundaryDoesNotFlicker() {
        AllocatorSettings settings = AllocatorSettings.DEFAULT;
        TrackDemand track = video("v", 1, LayerConstraints.ANY);
        AllocationState state = AllocationState.INITIAL;
        int switches = 0;
        for (int i = 0; i < 200; i++) {
            long estimate = 1_700_000 + (i % 3 == 2 ? -30_000 : 80_000); // around 2/2 (1.7 Mbps), every 100 ms
            TrackAllocation next = one(estimate, with(track, state), settings, i * 100L);
            if (!next.target().equals(state.current())) {
                switches++;
            }
            state = next.state();
        }
        assertThat(switches).as("first choice, then down once, never back up (2/2 needs 1.87 Mbps)").isEqualTo(2);
    }

    private static TrackDemand with(TrackDemand track, AllocationState state) {
        return new TrackDemand(track.trackId(), track.audio(), track.priority(), track.constraints(), track.layers(),
                state);
    }

    private static TrackAllocation one(long bps, TrackDemand track, AllocatorSettings settings, long now) {
        return BitrateAllocator.allocate(bps, List.of(track), settings, now).get(0);
    }
}
