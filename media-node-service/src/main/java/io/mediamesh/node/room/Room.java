package io.mediamesh.node.room;

import io.mediamesh.core.sfu.PublishedTrack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The publishers and viewers of one room on this node, and the rule that pairs them: a viewer plays the publisher it
 * named, else the first publisher that joined; when its publisher leaves it moves to the next one. Event loop only.
 */
public final class Room {
    private final String id;
    private final Map<String, Publisher> publishers = new LinkedHashMap<>();
    private final List<ViewerRole> viewers = new ArrayList<>();
    private final RoomDirectory directory;

    Room(String id, RoomDirectory directory) {
        this.id = id;
        this.directory = directory;
    }

    /** A publisher's media is up: viewers waiting for it start playing it. A peer that joins again replaces itself. */
    void addPublisher(Publisher publisher) {
        Publisher previous = publishers.get(publisher.peer());
        if (previous != null && previous != publisher) {
            previous.replaced();
        }
        publishers.put(publisher.peer(), publisher);
        long now = directory.nowMicros();
        for (ViewerRole viewer : viewers) {
            if (!viewer.hasSource() && wants(viewer, publisher)) {
                viewer.attach(publisher, now);
            }
        }
    }

    void removePublisher(Publisher publisher) {
        if (publishers.get(publisher.peer()) == publisher) {
            publishers.remove(publisher.peer());
        }
        for (PublishedTrack track : publisher.tracks()) {
            track.end();
        }
        long now = directory.nowMicros();
        for (ViewerRole viewer : viewers) {
            if (viewer.source() == publisher) {
                viewer.detach();
                Publisher next = choose(viewer);
                if (next != null) {
                    viewer.attach(next, now);
                }
            }
        }
        directory.removeIfEmpty(this);
    }

    void addViewer(ViewerRole viewer) {
        viewers.add(viewer);
        Publisher publisher = choose(viewer);
        if (publisher != null) {
            viewer.attach(publisher, directory.nowMicros());
        }
    }

    void removeViewer(ViewerRole viewer) {
        viewers.remove(viewer);
        directory.removeIfEmpty(this);
    }

    private Publisher choose(ViewerRole viewer) {
        if (viewer.wantedPeer() != null) {
            return publishers.get(viewer.wantedPeer());
        }
        return publishers.isEmpty() ? null : publishers.values().iterator().next();
    }

    private static boolean wants(ViewerRole viewer, Publisher publisher) {
        return viewer.wantedPeer() == null || viewer.wantedPeer().equals(publisher.peer());
    }

    boolean isEmpty() {
        return publishers.isEmpty() && viewers.isEmpty();
    }

    public String id() {
        return id;
    }

    public int publisherCount() {
        return publishers.size();
    }

    public int viewerCount() {
        return viewers.size();
    }
}
