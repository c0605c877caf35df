package io.mediamesh.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.function.Consumer;

/**
 * Adapts one map's entry events to two callbacks: an entry was put (added or replaced, with its new value) or went
 * (removed, evicted or expired, with its last value). Behind {@link ClusterState#watchTracks} and
 * {@link ClusterState#watchPeers}.
 *
 * @param <V> the map's value type
 */
final class EntryEvents<V> implements EntryAddedListener<String, V>, EntryUpdatedListener<String, V>,
        EntryRemovedListener<String, V>, EntryEvictedListener<String, V>, EntryExpiredListener<String, V> {
    private final Consumer<V> put;
    private final Consumer<V> gone;

    EntryEvents(Consumer<V> put, Consumer<V> gone) {
        this.put = put;
        this.gone = gone;
    }

    @Override
    public void entryAdded(EntryEvent<String, V> event) {
        put.accept(event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, V> event) {
        put.accept(event.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, V> event) {
        if (event.getOldValue() != null) {
            gone.accept(event.getOldValue());
        }
    }

    @Override
    public void entryEvicted(EntryEvent<String, V> event) {
        entryRemoved(event);
    }

    @Override
    public void entryExpired(EntryEvent<String, V> event) {
        entryRemoved(event);
    }
}
