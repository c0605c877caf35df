package io.mediamesh.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.mediamesh.model.cluster.PeerDetails;
import io.mediamesh.model.cluster.PeerInfo;

/** Adapts the peers map's and the peer details map's entry events to a {@link PeerListener}. */
final class PeerEvents {
    private PeerEvents() {
    }

    static final class Peers implements EntryAddedListener<String, PeerInfo>, EntryUpdatedListener<String, PeerInfo>,
            EntryRemovedListener<String, PeerInfo>, EntryEvictedListener<String, PeerInfo>,
            EntryExpiredListener<String, PeerInfo> {
        private final PeerListener listener;

        Peers(PeerListener listener) {
            this.listener = listener;
        }

        @Override
        public void entryAdded(EntryEvent<String, PeerInfo> event) {
            listener.peerJoined(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, PeerInfo> event) {
            listener.peerJoined(event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, PeerInfo> event) {
            if (event.getOldValue() != null) {
                listener.peerLeft(event.getOldValue());
            }
        }

        @Override
        public void entryEvicted(EntryEvent<String, PeerInfo> event) {
            entryRemoved(event);
        }

        @Override
        public void entryExpired(EntryEvent<String, PeerInfo> event) {
            entryRemoved(event);
        }
    }

    static final class Details implements EntryAddedListener<String, PeerDetails>,
            EntryUpdatedListener<String, PeerDetails> {
        private final PeerListener listener;

        Details(PeerListener listener) {
            this.listener = listener;
        }

        @Override
        public void entryAdded(EntryEvent<String, PeerDetails> event) {
            listener.peerUpdated(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, PeerDetails> event) {
            listener.peerUpdated(event.getValue());
        }
    }
}
