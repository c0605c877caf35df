package io.mediamesh.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.mediamesh.model.cluster.TrackInfo;

/** Adapts the tracks map's entry events to a {@link TrackListener}. */
final class TrackEvents implements EntryAddedListener<String, TrackInfo>, EntryUpdatedListener<String, TrackInfo>,
        EntryRemovedListener<String, TrackInfo>, EntryEvictedListener<String, TrackInfo>,
        EntryExpiredListener<String, TrackInfo> {
    private final TrackListener listener;

    TrackEvents(TrackListener listener) {
        this.listener = listener;
    }

    @Override
    public void entryAdded(EntryEvent<String, TrackInfo> event) {
        listener.trackAdded(event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, TrackInfo> event) {
        listener.trackAdded(event.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, TrackInfo> event) {
        if (event.getOldValue() != null) {
            listener.trackRemoved(event.getOldValue());
        }
    }

    @Override
    public void entryEvicted(EntryEvent<String, TrackInfo> event) {
        entryRemoved(event);
    }

    @Override
    public void entryExpired(EntryEvent<String, TrackInfo> event) {
        entryRemoved(event);
    }
}
