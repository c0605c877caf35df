package io.mediamesh.core.sfu.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Splits one receiver's bandwidth estimate across its tracks: a pure function of a snapshot (the estimate, each
 * track's layers, constraints, priority and previous state) and the time.
 *
 * <ol>
 *   <li>Audio first: every unpaused audio track gets its layer, whatever the estimate.</li>
 *   <li>Minimums: every unpaused video track gets its lowest allowed layer (the receiver's {@code minSpatial} /
 *       {@code minTemporal}), even when that overdraws the estimate. When the publisher sends nothing inside the
 *       range, the highest active layer below its top is used instead (as {@link LayerSelector} does).</li>
 *   <li>Rounds by priority: in each round, tracks in descending priority (ties in input order) climb one layer at a
 *       time, a track of priority {@code p} at most {@code p} layers, while the next layer's extra cost fits the
 *       remaining budget; rounds repeat until nobody climbs. The receiver's maximums bound the climb.</li>
 *   <li>Hysteresis: climbing above the layer the track has now needs {@link AllocatorSettings#upMargin()} of the
 *       next layer's bitrate to spare, and the higher layer is granted only after it stayed affordable for
 *       {@link AllocatorSettings#holdMillis()} (the budget stays reserved meanwhile); going down is immediate, and so
 *       is the first layer of a new receiver and a move off a layer that vanished or left the range.</li>
 * </ol>
 * Frame rate comes before resolution: the ladder a video track climbs holds every temporal layer of its lowest
 * allowed spatial layer, then only the full-rate (highest allowed temporal) layer of each spatial layer above.
 * Paused tracks get {@link LayerTarget#NONE} and cost nothing. Carrying out a switch (keyframes, sync points) is the
 * forwarding stream's job. No clock reads, no I/O.
 */
public final class BitrateAllocator {
    private static final Comparator<Layer> ASCENDING = Comparator.comparingInt(Layer::spatial)
            .thenComparingInt(Layer::temporal);

    private BitrateAllocator() {
    }

    public static List<TrackAllocation> allocate(long estimateBps, List<TrackDemand> tracks,
            AllocatorSettings settings, long nowMillis) {
        int n = tracks.size();
        Layer[][] candidates = new Layer[n][];
        int[] chosen = new int[n];
        long budget = estimateBps;
        for (int i = 0; i < n; i++) {
            TrackDemand track = tracks.get(i);
            candidates[i] = track.constraints().paused() ? new Layer[0] : candidates(track);
            if (candidates[i].length == 0) {
                chosen[i] = -1;
                continue;
            }
            chosen[i] = track.audio() ? candidates[i].length - 1 : 0;
            budget -= candidates[i][chosen[i]].bitrateBps();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(tracks.get(b).priority(), tracks.get(a).priority()));
        boolean climbed = true;
        while (climbed) {
            climbed = false;
            for (int i : order) {
                TrackDemand track = tracks.get(i);
                if (track.audio() || chosen[i] < 0) {
                    continue;
                }
                for (int step = 0; step < track.priority() && chosen[i] + 1 < candidates[i].length; step++) {
                    Layer now = candidates[i][chosen[i]];
                    Layer next = candidates[i][chosen[i] + 1];
                    LayerTarget current = track.state().current();
                    boolean aboveCurrent = !current.isNone() && next.above(current);
                    double needed = next.bitrateBps() * (aboveCurrent ? 1 + settings.upMargin() : 1)
                            - now.bitrateBps();
                    if (needed > budget) {
                        break;
                    }
                    budget -= next.bitrateBps() - now.bitrateBps();
                    chosen[i]++;
                    climbed = true;
                }
            }
        }
        List<TrackAllocation> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(decide(tracks.get(i), candidates[i], chosen[i], settings, nowMillis));
        }
        return result;
    }

    private static TrackAllocation decide(TrackDemand track, Layer[] candidates, int chosen,
            AllocatorSettings settings, long nowMillis) {
        if (chosen < 0) {
            return new TrackAllocation(track.trackId(), LayerTarget.NONE, 0, AllocationState.INITIAL);
        }
        Layer desired = candidates[chosen];
        LayerTarget current = track.state().current();
        int currentIndex = indexOf(candidates, current);
        if (currentIndex < 0 || !desired.above(current)) {
            return granted(track, desired);
        }
        long since = track.state().upSinceMillis() >= 0 ? track.state().upSinceMillis() : nowMillis;
        if (nowMillis - since >= settings.holdMillis()) {
            return granted(track, desired);
        }
        Layer kept = candidates[currentIndex];
        return new TrackAllocation(track.trackId(), current, kept.bitrateBps(), new AllocationState(current, since));
    }

    private static TrackAllocation granted(TrackDemand track, Layer layer) {
        LayerTarget target = LayerTarget.of(layer);
        return new TrackAllocation(track.trackId(), target, layer.bitrateBps(), new AllocationState(target, -1));
    }

    private static int indexOf(Layer[] candidates, LayerTarget target) {
        if (target.isNone()) {
            return -1;
        }
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i].spatial() == target.spatial() && candidates[i].temporal() == target.temporal()) {
                return i;
            }
        }
        return -1;
    }

    /** Active layers the track may get, ascending; audio ignores the spatial/temporal range. */
    private static Layer[] candidates(TrackDemand track) {
        LayerConstraints range = track.constraints();
        List<Layer> allowed = new ArrayList<>();
        Layer fallback = null;
        for (Layer layer : track.layers()) {
            if (!layer.active()) {
                continue;
            }
            if (track.audio() || range.allows(layer)) {
                allowed.add(layer);
            } else if (layer.spatial() <= range.maxSpatial() && layer.temporal() <= range.maxTemporal()
                    && (fallback == null || layer.above(LayerTarget.of(fallback)))) {
                fallback = layer;
            }
        }
        if (allowed.isEmpty() && fallback != null) {
            allowed.add(fallback);
        }
        allowed.sort(ASCENDING);
        return track.audio() ? allowed.toArray(new Layer[0]) : fullRateAbove(allowed);
    }

    /**
     * The lowest allowed spatial layer keeps every temporal layer; above it only each spatial layer's highest allowed
     * temporal layer is a step. A receiver short of bandwidth thus gets a smaller picture at the full frame rate
     * rather than a bigger one at a quarter of it, and gives up frame rate only once it is down to the smallest
     * picture (as Jitsi's preferred-frame-rate rule does).
     */
    private static Layer[] fullRateAbove(List<Layer> ascending) {
        List<Layer> ladder = new ArrayList<>(ascending.size());
        for (int i = 0; i < ascending.size(); i++) {
            Layer layer = ascending.get(i);
            boolean lowestSpatial = layer.spatial() == ascending.get(0).spatial();
            boolean topOfItsSpatial = i + 1 == ascending.size() || ascending.get(i + 1).spatial() != layer.spatial();
            if (lowestSpatial || topOfItsSpatial) {
                ladder.add(layer);
            }
        }
        return ladder.toArray(new Layer[0]);
    }
}
