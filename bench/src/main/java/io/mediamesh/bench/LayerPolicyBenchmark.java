package io.mediamesh.bench;

import io.mediamesh.core.sfu.layer.AllocationState;
import io.mediamesh.core.sfu.layer.AllocatorSettings;
import io.mediamesh.core.sfu.layer.BitrateAllocator;
import io.mediamesh.core.sfu.layer.Layer;
import io.mediamesh.core.sfu.layer.LayerConstraints;
import io.mediamesh.core.sfu.layer.LayerSelector;
import io.mediamesh.core.sfu.layer.LayerSwitcher;
import io.mediamesh.core.sfu.layer.LayerTarget;
import io.mediamesh.core.sfu.layer.TrackDemand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the layer policy (issue #5), the parts that run per receiver:
 * <ul>
 *   <li>{@code select}: {@link LayerSelector} picks one track's layer from 3 spatial × 3 temporal layers, a budget and
 *       the receiver's range (runs on every allocation round, per receiver and track);</li>
 *   <li>{@code allocate}: {@link BitrateAllocator} splits one receiver's estimate across {@code tracks} video tracks
 *       plus one audio track (runs on every estimate change, per receiver);</li>
 *   <li>{@code switcherPerPacket}: {@link LayerSwitcher} decides one packet of a simulcast stream (runs per packet, per
 *       receiver).</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar LayerPolicyBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LayerPolicyBenchmark {
    private static final long[][] KBPS = {{60, 100, 150}, {250, 400, 500}, {900, 1400, 1700}};
    private static final AllocatorSettings SETTINGS = new AllocatorSettings(0.10, 1000);
    /** Temporal ids of consecutive frames in a 3-layer VP8 pattern. */
    private static final int[] TEMPORAL_PATTERN = {0, 2, 1, 2};

    @Param({"4", "16"})
    public int tracks;

    private List<Layer> layers;
    private List<TrackDemand> demands;
    private final LayerConstraints range = new LayerConstraints(0, 2, 0, 2, false);
    private LayerSwitcher switcher;
    private long estimate;
    private int packet;

    @Setup
    public void setUp() {
        layers = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 3; t++) {
                layers.add(new Layer(s, t, KBPS[s][t] * 1000, true));
            }
        }
        demands = new ArrayList<>();
        demands.add(new TrackDemand("audio", true, 1, LayerConstraints.ANY, List.of(new Layer(0, 0, 40_000, true)),
                AllocationState.INITIAL));
        for (int i = 0; i < tracks; i++) {
            demands.add(new TrackDemand("video-" + i, false, 1 + i % 3, range, layers, AllocationState.INITIAL));
        }
        switcher = new LayerSwitcher(LayerSwitcher.Mode.SIMULCAST, 300);
        switcher.target(new LayerTarget(1, 2));
    }

    @Benchmark
    public LayerTarget select() {
        estimate = (estimate + 137_000) % 2_000_000;
        return LayerSelector.select(layers, range, estimate, LayerTarget.NONE, 0.10);
    }

    @Benchmark
    public Object allocate() {
        estimate = (estimate + 137_000) % (tracks * 1_000_000L);
        return BitrateAllocator.allocate(estimate, demands, SETTINGS, 0);
    }

    @Benchmark
    public boolean switcherPerPacket() {
        int n = packet++;
        int frame = n / 4;
        boolean start = n % 4 == 0;
        // Encoding 1 of 3, 3 temporal layers (0,2,1,2 pattern), a keyframe every 300 frames.
        return switcher.accept(1, TEMPORAL_PATTERN[frame & 3], start, n % 4 == 3, start && frame % 300 == 0,
                start && (frame & 3) == 2);
    }
}
