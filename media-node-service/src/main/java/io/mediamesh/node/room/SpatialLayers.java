package io.mediamesh.node.room;

import io.mediamesh.core.sfu.PublishedTrack;
import java.util.ArrayList;
import java.util.List;

/**
 * How the spatial layers of a simulcast track are named: the track itself ({@code camera}) is layer 0, the lowest
 * encoding, and {@code camera#1}, {@code camera#2} are the higher ones. Each layer is a track of its own on this node
 * and in the cluster (so other nodes relay each layer as its own channel); receivers ask for the base name and a layer
 * range, and {@link #choose} picks the layer. Pure.
 */
public final class SpatialLayers {
    /** Separates a base track name from its layer index; never part of a sender's name. */
    public static final char SEPARATOR = '#';
    /** The highest spatial layer index (three encodings). */
    public static final int MAX_LAYER = 2;

    private SpatialLayers() {
    }

    /** The name of layer {@code index} of {@code base}. */
    public static String name(String base, int index) {
        return index == 0 ? base : base + SEPARATOR + index;
    }

    /** The track a layer belongs to: {@code camera} for {@code camera#2} and for {@code camera} itself. */
    public static String baseOf(String trackName) {
        int separator = trackName.indexOf(SEPARATOR);
        return separator < 0 ? trackName : trackName.substring(0, separator);
    }

    /** The spatial layer index of a track name: 2 for {@code camera#2}, 0 for a base track. */
    public static int indexOf(String trackName) {
        int separator = trackName.indexOf(SEPARATOR);
        return separator < 0 ? 0 : Integer.parseInt(trackName.substring(separator + 1));
    }

    /** Whether {@code trackName} is a higher layer of some track rather than a track a client asked for. */
    public static boolean isHigherLayer(String trackName) {
        return trackName.indexOf(SEPARATOR) >= 0;
    }

    /** The layers of {@code base} that {@code publisher} has, indexed by spatial layer (null where absent). */
    public static List<PublishedTrack> of(Publisher publisher, String base) {
        List<PublishedTrack> layers = new ArrayList<>(3);
        for (int index = 0; index < 3; index++) {
            PublishedTrack track = publisher.trackNamed(name(base, index));
            if (track == null && index > 0) {
                break;
            }
            layers.add(track);
        }
        return layers;
    }

    /**
     * The layer to play: the highest live layer from {@code minSpatial} to {@code maxSpatial}; if none of those is
     * live, the highest live layer below {@code minSpatial}, then the lowest live one above {@code maxSpatial} (a
     * picture beats none); -1 when no layer is live.
     *
     * @param live whether each layer is being sent (index = spatial layer)
     */
    public static int choose(boolean[] live, int minSpatial, int maxSpatial) {
        for (int index = Math.min(maxSpatial, live.length - 1); index >= Math.max(0, minSpatial); index--) {
            if (live[index]) {
                return index;
            }
        }
        for (int index = Math.min(minSpatial - 1, live.length - 1); index >= 0; index--) {
            if (live[index]) {
                return index;
            }
        }
        for (int index = maxSpatial + 1; index < live.length; index++) {
            if (live[index]) {
                return index;
            }
        }
        return -1;
    }
}
