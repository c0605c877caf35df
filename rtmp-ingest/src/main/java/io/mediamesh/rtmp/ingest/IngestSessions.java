package io.mediamesh.rtmp.ingest;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The publishing connections of this ingest, by (room, peer): a newer connection with the same stream key replaces
 * the older one, which is closed. Thread-safe (connections live on several event loops; the HTTP API reads it).
 */
public final class IngestSessions {
    private final ConcurrentHashMap<String, RtmpConnection> byPeer = new ConcurrentHashMap<>();

    /** Registers {@code connection} for its peer; returns the connection it replaced, or null. */
    RtmpConnection register(String room, String peer, RtmpConnection connection) {
        return byPeer.put(key(room, peer), connection);
    }

    /** Removes the entry if it is still {@code connection}. */
    void unregister(String room, String peer, RtmpConnection connection) {
        byPeer.remove(key(room, peer), connection);
    }

    /** A snapshot for the HTTP API, oldest first. */
    public List<SessionView> list() {
        return byPeer.values().stream().map(RtmpConnection::view)
                .sorted(Comparator.comparing(SessionView::since)).toList();
    }

    private static String key(String room, String peer) {
        return room + '\u001f' + peer;
    }

    /**
     * One publishing connection as the admin API shows it.
     *
     * @param videoPackets RTP packets of video sent into the overlay
     * @param audioPackets RTP packets of audio (Opus frames) sent into the overlay
     */
    public record SessionView(String room, String peer, String remoteAddress, Instant since, String video,
            String audio, long videoPackets, long audioPackets) {
    }
}
