package io.mediamesh.node.room;

import io.mediamesh.core.sfu.PublishedTrack;
import java.util.List;

/**
 * Publisher-side control: which simulcast layers of a publisher anybody wants, and the bitrate cap (REMB) that
 * follows from it.
 *
 * <p>A receiver wants the layer it would play on an unlimited link: the highest its range allows, whatever its
 * downlink estimate says (so a layer paused for want of viewers comes back as soon as a receiver's range asks for it,
 * not only once a publisher happens to send it). Receivers renew their want every tick; a remote node's wants reach
 * the publisher's node as overlay feedback. The layers above the highest wanted one are paused: an SDK publisher is
 * told to switch those encodings off (re-enabling them makes Chrome probe for the bandwidth at once), and a WHIP
 * publisher's REMB is capped to what the wanted layers use, with headroom (Chrome then drops the layers that do not
 * fit; after the cap lifts it climbs back at its own pace). The lowest layer always stays.
 * Only {@link #want} has a side effect (it stamps the layer); event loop only.
 */
public final class LayerDemand {
    /** A want lasts this long; a layer nobody renews within it is paused. */
    public static final long HOLD_MICROS = 3_000_000;
    /** The cap leaves this much room over what the wanted layers use, so they can grow. */
    static final double CAP_HEADROOM = 1.5;
    /** The cap never goes below this. */
    static final long CAP_FLOOR_BPS = 300_000;

    private LayerDemand() {
    }

    /**
     * A receiver of {@code base} from {@code publisher}, with its spatial range, wants the highest layer the range
     * allows (among the layers the publisher has, sent or paused) until {@link #HOLD_MICROS} from now.
     */
    static void want(Publisher publisher, String base, int minSpatial, int maxSpatial, long nowMicros) {
        if (publisher == null || base == null) {
            return;
        }
        List<PublishedTrack> layers = SpatialLayers.of(publisher, base);
        if (layers.isEmpty()) {
            return;
        }
        PublishedTrack layer = layers.get(Math.min(Math.max(minSpatial, maxSpatial), layers.size() - 1));
        if (layer != null) {
            layer.wantedUntil(nowMicros + HOLD_MICROS);
        }
    }

    /** How many layers of a track (index = spatial layer) to send: up to the highest one wanted, at least one. */
    static int activeLayers(List<PublishedTrack> layers, long nowMicros) {
        for (int index = layers.size() - 1; index > 0; index--) {
            PublishedTrack layer = layers.get(index);
            if (layer != null && layer.wanted(nowMicros)) {
                return index + 1;
            }
        }
        return 1;
    }

    /**
     * One video track of a publisher as the cap sees it.
     *
     * @param layerBps     what each of its layers (index = spatial layer) measures now
     * @param activeLayers how many of them anybody wants ({@link #activeLayers})
     */
    record TrackUse(long[] layerBps, int activeLayers) {
    }

    /**
     * The REMB for a publisher: {@code maxBps} unless some track has layers nobody wants; then what the wanted layers
     * of all its video tracks measure, times {@link #CAP_HEADROOM}, at least {@link #CAP_FLOOR_BPS}. When a wanted
     * layer measures nothing (not sent yet, or paused and asked for again) its cost is unknown, and nothing is capped.
     */
    static long cap(long maxBps, List<TrackUse> tracks) {
        boolean unwanted = false;
        long used = 0;
        for (TrackUse track : tracks) {
            unwanted |= track.activeLayers() < track.layerBps().length;
            for (int index = 0; index < Math.min(track.activeLayers(), track.layerBps().length); index++) {
                if (track.layerBps()[index] <= 0) {
                    return maxBps;
                }
                used += track.layerBps()[index];
            }
        }
        if (!unwanted) {
            return maxBps;
        }
        return Math.min(maxBps, Math.max(CAP_FLOOR_BPS, (long) (used * CAP_HEADROOM)));
    }
}
