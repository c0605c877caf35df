package io.mediamesh.core.sfu.layer;

import java.util.List;

/**
 * Chooses the layer one receiver gets, as a pure function of the publisher's layers (a snapshot), the receiver's
 * constraints, the bitrate allocated to this receiver's track and the layer it gets now.
 *
 * <ol>
 *   <li>Paused: {@link LayerTarget#NONE}.</li>
 *   <li>Candidates: active layers inside the receiver's range. If the publisher sends none of them, the highest
 *       active layer below the range's top is taken instead (better a smaller picture than none); if there is no
 *       active layer at all, {@code NONE}.</li>
 *   <li>The highest candidate whose bitrate fits the allocation wins; when none fits, the lowest candidate (the
 *       minimum is kept even when the estimate is short).</li>
 *   <li>Hysteresis: a layer above the current one is taken only if its bitrate fits with {@code upMargin} to spare
 *       (e.g. 0.15 = 15 %); going down happens at once. So an estimate hovering at a layer's bitrate does not make
 *       the receiver flicker between two layers.</li>
 * </ol>
 * How a switch is carried out (spatial on a keyframe of the target, temporal up at a sync point) is the forwarding
 * stream's business, not this policy's.
 */
public final class LayerSelector {
    private LayerSelector() {
    }

    public static LayerTarget select(List<Layer> layers, LayerConstraints constraints, long allocatedBps,
            LayerTarget current, double upMargin) {
        if (constraints.paused()) {
            return LayerTarget.NONE;
        }
        Layer lowest = null;
        Layer best = null;
        for (Layer layer : layers) {
            if (!layer.active() || !constraints.allows(layer)) {
                continue;
            }
            if (lowest == null || !layer.above(LayerTarget.of(lowest))) {
                lowest = layer;
            }
            boolean up = current.isNone() || layer.above(current);
            double needed = up && !current.isNone() ? layer.bitrateBps() * (1 + upMargin) : layer.bitrateBps();
            if (needed <= allocatedBps && (best == null || layer.above(LayerTarget.of(best)))) {
                best = layer;
            }
        }
        if (best != null) {
            return LayerTarget.of(best);
        }
        if (lowest != null) {
            return LayerTarget.of(lowest);
        }
        Layer fallback = null;
        for (Layer layer : layers) {
            if (layer.active() && layer.spatial() <= constraints.maxSpatial()
                    && layer.temporal() <= constraints.maxTemporal()
                    && (fallback == null || layer.above(LayerTarget.of(fallback)))) {
                fallback = layer;
            }
        }
        return fallback == null ? LayerTarget.NONE : LayerTarget.of(fallback);
    }
}
