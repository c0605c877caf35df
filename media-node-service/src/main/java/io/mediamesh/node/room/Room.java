package io.mediamesh.node.room;

import io.mediamesh.core.sfu.PublishedTrack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The publishers and viewers of one room on this node, and the rule that pairs them: a viewer plays the publisher it
 * named, else the first publisher that joined; when its publisher leaves it moves to the next one. Publishers are
 * local WHIP sessions or, with the cluster, publishers on other nodes whose tracks arrive through the overlay. The
 * room lives while it has local participants. Event loop only.
 */
public final class Room {
    private final String id;
    private final Map<String, Publisher> publishers = new LinkedHashMap<>();
    private final List<ViewerRole> viewers = new ArrayList<>();
    private final List<SubscriberRole> subscribers = new ArrayList<>();
    private final RoomDirectory directory;

    Room(String id, RoomDirectory directory) {
        this.id = id;
        this.directory = directory;
    }

    /**
     * A publisher's media is up: viewers waiting for it start playing it. A peer that publishes again replaces
     * itself (a newer local session, or a local session of a peer that was remote).
     */
    public void addPublisher(Publisher publisher) {
        Publisher previous = publishers.get(publisher.peer());
        if (previous != null && previous != publisher) {
            previous.replaced();
            if (publishers.get(previous.peer()) == previous) {
                removePublisher(previous);
            }
        }
        publishers.put(publisher.peer(), publisher);
        if (publisher.isLocal()) {
            directory.observer().publisherAdded(this, publisher);
        }
        long now = directory.nowMicros();
        for (ViewerRole viewer : viewers) {
            if (!viewer.hasSource() && wants(viewer, publisher)) {
                viewer.attach(publisher, now);
            }
        }
        for (SubscriberRole subscriber : List.copyOf(subscribers)) {
            for (PublishedTrack track : publisher.tracks()) {
                subscriber.trackAvailable(publisher, track, now);
            }
        }
    }

    /**
     * A publisher gained a track after it was added: remote tracks are announced one by one, and an SDK publisher
     * adds senders by renegotiating.
     */
    public void trackAdded(Publisher publisher, PublishedTrack track) {
        long now = directory.nowMicros();
        if (publisher.isLocal()) {
            directory.observer().localTrackAdded(this, publisher, track,
                    publisher.media().get(publisher.tracks().indexOf(track)));
        }
        for (SubscriberRole subscriber : List.copyOf(subscribers)) {
            subscriber.trackAvailable(publisher, track, now);
        }
        for (ViewerRole viewer : viewers) {
            if (viewer.source() == publisher) {
                viewer.attachTrack(publisher, track, now);
            } else if (!viewer.hasSource() && wants(viewer, publisher)) {
                viewer.attach(publisher, now);
            }
        }
    }

    /**
     * A local publisher stopped sending one track (an SDK sender detached): it ends (its viewers and receivers get
     * BYE and wait) and leaves the cluster's registry; the publisher stays.
     */
    public void trackRemoved(Publisher publisher, PublishedTrack track, io.mediamesh.core.sdp.NegotiatedMedia media) {
        if (publisher.isLocal()) {
            directory.observer().localTrackRemoved(this, publisher, track);
        }
        track.end();
    }

    /** How many simulcast layers of a local publisher's track anybody wants changed (see {@link LayerDemand}). */
    void layersWanted(Publisher publisher, String track, int activeLayers) {
        if (publisher.isLocal()) {
            directory.observer().layersWanted(this, publisher, track, activeLayers);
        }
    }

    /** A publisher left: its tracks end (viewers get BYE), and its viewers move to the next publisher. */
    public void removePublisher(Publisher publisher) {
        if (publishers.get(publisher.peer()) == publisher) {
            publishers.remove(publisher.peer());
        }
        if (publisher.isLocal()) {
            directory.observer().publisherRemoved(this, publisher);
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

    void addSubscriber(SubscriberRole subscriber) {
        subscribers.add(subscriber);
        long now = directory.nowMicros();
        for (Publisher publisher : List.copyOf(publishers.values())) {
            for (PublishedTrack track : publisher.tracks()) {
                subscriber.trackAvailable(publisher, track, now);
            }
        }
    }

    void removeSubscriber(SubscriberRole subscriber) {
        subscribers.remove(subscriber);
        directory.removeIfEmpty(this);
    }

    void removeViewer(ViewerRole viewer) {
        viewers.remove(viewer);
        directory.removeIfEmpty(this);
    }

    /** Re-applies a viewer's choice (another peer, or paused): detaches it, then attaches what it wants now. */
    void reselect(ViewerRole viewer, long nowMicros) {
        viewer.detach();
        Publisher publisher = choose(viewer);
        if (publisher != null) {
            viewer.attach(publisher, nowMicros);
        }
    }

    private Publisher choose(ViewerRole viewer) {
        if (viewer.paused()) {
            return null;
        }
        if (viewer.wantedPeer() != null) {
            return publishers.get(viewer.wantedPeer());
        }
        Publisher remote = null;
        for (Publisher publisher : publishers.values()) {
            if (publisher.isLocal()) {
                return publisher;
            }
            if (remote == null) {
                remote = publisher;
            }
        }
        return remote;
    }

    private static boolean wants(ViewerRole viewer, Publisher publisher) {
        return !viewer.paused() && (viewer.wantedPeer() == null || viewer.wantedPeer().equals(publisher.peer()));
    }

    /** The publishers of the room, local and remote, in the order they joined. */
    public java.util.Collection<Publisher> publishers() {
        return java.util.Collections.unmodifiableCollection(publishers.values());
    }

    /** The publisher of this peer, local or remote, or null. */
    public Publisher publisher(String peer) {
        return publishers.get(peer);
    }

    boolean hasLocalParticipants() {
        if (!viewers.isEmpty() || !subscribers.isEmpty()) {
            return true;
        }
        for (Publisher publisher : publishers.values()) {
            if (publisher.isLocal()) {
                return true;
            }
        }
        return false;
    }

    /** Ends what the room still holds for remote publishers; called once the last local participant left. */
    void close() {
        for (Publisher publisher : List.copyOf(publishers.values())) {
            if (!publisher.isLocal()) {
                publisher.replaced();
                for (PublishedTrack track : publisher.tracks()) {
                    track.end();
                }
            }
        }
        publishers.clear();
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
