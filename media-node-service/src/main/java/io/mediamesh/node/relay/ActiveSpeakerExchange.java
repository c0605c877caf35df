package io.mediamesh.node.relay;

import io.mediamesh.cluster.ClusterState;
import io.mediamesh.core.audio.ActiveSpeakerDetector;
import io.mediamesh.core.audio.AudioLevelMeter;
import io.mediamesh.core.sfu.PublishedTrack;
import io.mediamesh.model.cluster.ActiveSpeakers;
import io.mediamesh.model.cluster.AudioLevelReport;
import io.mediamesh.node.room.Publisher;
import io.mediamesh.node.room.Room;
import io.mediamesh.node.room.RoomDirectory;
import io.mediamesh.node.session.NodeMetrics;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Active speakers across the cluster. Every {@value #REPORT_MILLIS} ms, on the event loop, it closes the audio-level
 * windows of the local publishers' audio tracks and publishes one {@link AudioLevelReport} per room that has local
 * audio publishers. The nodes that report on a room rank it: each merges every node's reports of the room (its own
 * come back through the topic too) into one {@link ActiveSpeakerDetector}, and the one with the lowest node id among
 * those heard from in the last {@value #REPORTER_TIMEOUT_MILLIS} ms stores the ranking ({@link ActiveSpeakers}) when
 * it changes and every {@value #REFRESH_MILLIS} ms, with a TTL of {@value #TTL_MILLIS} ms so it goes with the room's
 * last audio publisher. Signalling fans the stored ranking out to the SDK clients of the room.
 *
 * <p>Threading: the event loop; reports arrive on Hazelcast threads and are handed over; cluster calls run on the
 * {@code clusterIo} executor.
 */
public final class ActiveSpeakerExchange {
    static final long REPORT_MILLIS = 300;
    static final long REPORTER_TIMEOUT_MILLIS = 1_500;
    static final long REFRESH_MILLIS = 1_000;
    static final long TTL_MILLIS = 3_000;

    private final ClusterState state;
    private final int nodeId;
    private final EventLoop loop;
    private final Executor clusterIo;
    private final RoomDirectory rooms;
    private final LongSupplier clockMillis;
    private final NodeMetrics metrics;
    private final Map<String, RoomRanking> rankings = new HashMap<>();

    /** What one node last reported on one room. */
    private record Reported(long atMillis, Set<String> peers) {
    }

    /** The ranking of one room this node reports on. */
    private static final class RoomRanking {
        final ActiveSpeakerDetector detector = new ActiveSpeakerDetector();
        final Map<Integer, Reported> reporters = new HashMap<>();
        boolean stored;
        long storedAtMillis;
    }

    /**
     * @param clockMillis a monotonic clock in milliseconds (the sessions' clock)
     * @param metrics     counts malformed audio-level elements ({@code mediamesh.packets.dropped}, reason
     *                    {@code audio-level-malformed}: the element is ignored, the packet still forwarded)
     */
    public ActiveSpeakerExchange(ClusterState state, int nodeId, EventLoop loop, Executor clusterIo,
            RoomDirectory rooms, LongSupplier clockMillis, NodeMetrics metrics) {
        this.metrics = metrics;
        this.state = state;
        this.nodeId = nodeId;
        this.loop = loop;
        this.clusterIo = clusterIo;
        this.rooms = rooms;
        this.clockMillis = clockMillis;
    }

    /** Reports this node's levels and ranks the rooms it reports on. Event loop, every {@value #REPORT_MILLIS} ms. */
    public void tick() {
        long now = clockMillis.getAsLong();
        Set<String> reported = new HashSet<>();
        for (Room room : rooms.rooms()) {
            AudioLevelReport report = report(room);
            if (report != null) {
                reported.add(room.id());
                rankings.computeIfAbsent(room.id(), r -> new RoomRanking());
                clusterIo.execute(() -> state.publishAudioLevels(report));
            }
        }
        rankings.keySet().retainAll(reported);
        for (Map.Entry<String, RoomRanking> entry : rankings.entrySet()) {
            rank(entry.getKey(), entry.getValue(), now);
        }
    }

    /** The loudest window level of each local peer's audio tracks in {@code room}, or null if it has none. */
    private AudioLevelReport report(Room room) {
        Map<String, int[]> byPeer = null;
        for (Publisher publisher : room.publishers()) {
            if (!publisher.isLocal()) {
                continue;
            }
            for (PublishedTrack track : publisher.tracks()) {
                AudioLevelMeter meter = track.audioLevels();
                if (meter == null || track.ended()) {
                    continue;
                }
                meter.take();
                for (int i = 0; i < meter.windowMalformed(); i++) {
                    metrics.dropped("audio-level-malformed");
                }
                byPeer = byPeer == null ? new LinkedHashMap<>() : byPeer;
                int[] levelAndVoice = byPeer.computeIfAbsent(publisher.peer(),
                        p -> new int[] {AudioLevelMeter.SILENCE, 0});
                if (meter.windowPackets() > 0 && meter.windowLevel() <= levelAndVoice[0]) {
                    levelAndVoice[0] = meter.windowLevel();
                    levelAndVoice[1] = meter.windowVoice() ? 1 : 0;
                }
            }
        }
        if (byPeer == null) {
            return null;
        }
        String[] peers = new String[byPeer.size()];
        int[] levels = new int[peers.length];
        boolean[] voice = new boolean[peers.length];
        int i = 0;
        for (Map.Entry<String, int[]> e : byPeer.entrySet()) {
            peers[i] = e.getKey();
            levels[i] = e.getValue()[0];
            voice[i] = e.getValue()[1] != 0;
            i++;
        }
        return new AudioLevelReport(room.id(), nodeId, peers, levels, voice);
    }

    /** A report from the topic (Hazelcast thread): handed to the event loop. */
    public void onReport(AudioLevelReport report) {
        if (!loop.isShuttingDown()) {
            loop.execute(() -> apply(report, clockMillis.getAsLong()));
        }
    }

    void apply(AudioLevelReport report, long nowMillis) {
        RoomRanking ranking = rankings.get(report.room());
        if (ranking == null) {
            return;
        }
        Reported previous = ranking.reporters.put(report.nodeId(),
                new Reported(nowMillis, Set.of(report.peers())));
        if (previous != null) {
            for (String peer : previous.peers()) {
                if (!reportedByAnyone(ranking, peer)) {
                    ranking.detector.remove(peer);
                }
            }
        }
        for (int i = 0; i < report.peers().length; i++) {
            // RFC 6464 senders that do not run a VAD leave V clear; Chrome sets it. The detector takes V as a hint.
            ranking.detector.onLevel(report.peers()[i], report.levels()[i], report.voice()[i], nowMillis);
        }
    }

    private static boolean reportedByAnyone(RoomRanking ranking, String peer) {
        for (Reported reported : ranking.reporters.values()) {
            if (reported.peers().contains(peer)) {
                return true;
            }
        }
        return false;
    }

    private void rank(String room, RoomRanking ranking, long now) {
        int lowest = nodeId;
        for (Iterator<Map.Entry<Integer, Reported>> it = ranking.reporters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Reported> e = it.next();
            if (now - e.getValue().atMillis() > REPORTER_TIMEOUT_MILLIS) {
                it.remove();
                for (String peer : e.getValue().peers()) {
                    if (!reportedByAnyone(ranking, peer)) {
                        ranking.detector.remove(peer);
                    }
                }
            } else if (Integer.compareUnsigned(e.getKey(), lowest) < 0) {
                lowest = e.getKey();
            }
        }
        boolean changed = ranking.detector.update(now);
        if (lowest != nodeId || ranking.stored && !changed && now - ranking.storedAtMillis < REFRESH_MILLIS) {
            return;
        }
        ranking.stored = true;
        ranking.storedAtMillis = now;
        List<ActiveSpeakerDetector.Speaker> speakers = ranking.detector.ranking();
        String[] peers = new String[speakers.size()];
        int[] levels = new int[speakers.size()];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = speakers.get(i).id();
            levels[i] = speakers.get(i).levelDbov();
        }
        ActiveSpeakers stored = new ActiveSpeakers(room, peers, levels, nodeId);
        clusterIo.execute(() -> state.putActiveSpeakers(stored, TTL_MILLIS));
    }

    /** The current ranking of a room this node reports on (empty if it does not), for tests and diagnostics. */
    List<ActiveSpeakerDetector.Speaker> ranking(String room) {
        RoomRanking ranking = rankings.get(room);
        return ranking == null ? List.of() : new ArrayList<>(ranking.detector.ranking());
    }
}
