package io.mediamesh.node;

import io.mediamesh.core.dtls.DtlsCertificate;
import io.mediamesh.core.ice.IceConfig;
import io.mediamesh.core.ice.IceCredentials;
import io.mediamesh.core.sdp.LocalTransport;
import io.mediamesh.core.sdp.MediaRole;
import io.mediamesh.core.sdp.NegotiationResult;
import io.mediamesh.core.sdp.SdpNegotiator;
import io.mediamesh.core.srtp.SrtpWarmUp;
import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.node.cluster.ConnectionIds;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.node.config.MediaNodeProperties;
import io.mediamesh.node.relay.ClusterLink;
import io.mediamesh.node.room.PublisherRole;
import io.mediamesh.node.room.Room;
import io.mediamesh.node.room.RoomDirectory;
import io.mediamesh.node.room.SubscriberRole;
import io.mediamesh.node.room.ViewerRole;
import io.mediamesh.node.session.NodeMetrics;
import io.mediamesh.node.session.SessionEnvironment;
import io.mediamesh.node.session.SessionTable;
import io.mediamesh.node.session.WebRtcSession;
import io.mediamesh.node.udp.LoopWatchdog;
import io.mediamesh.node.udp.UdpTransport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The media node's data plane, wired together: the UDP transport, the session table and the rooms, all owned by the
 * transport's event loop, plus the DTLS handshake pool. The HTTP API calls in here; each call negotiates SDP on the
 * caller's thread (pure work) and then hops onto the event loop for everything that touches sessions or rooms.
 */
@Component
public class MediaNode implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MediaNode.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long TICK_MILLIS = 100;
    private static final int DTLS_QUEUE = 10_000;

    /**
     * The session families: WHIP and WHEP resources, and the two peer connections of an SDK session (SEND publishes
     * the peer's senders, RECV carries its receivers). An id is only valid under its own family.
     */
    public enum Kind { WHIP, WHEP, SEND, RECV }

    /** A created session: its resource id and the SDP answer. */
    public record Created(String id, String answer) {
    }

    private final MediaNodeProperties properties;
    private final MeterRegistry meterRegistry;
    private final ConnectionIds ids;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final List<InetSocketAddress> candidates;
    private UdpTransport transport;
    private LoopWatchdog watchdog;
    private ExecutorService dtlsPool;
    private SessionEnvironment environment;
    private SessionTable sessions;
    private RoomDirectory rooms;
    /** The cluster membership (overlay, relay, registry), or null on a standalone node. */
    private final ClusterLink cluster;
    private volatile boolean running;

    public MediaNode(MediaNodeProperties properties, MeterRegistry meterRegistry, ConnectionIds ids,
            ObjectProvider<ClusterLink> clusterLink) {
        this.properties = properties;
        this.meterRegistry = meterRegistry;
        this.ids = ids;
        this.cluster = clusterLink.getIfAvailable();
        this.candidates = AdvertisedAddresses.resolve(properties.advertisedAddresses(), properties.udpPort());
    }

    @Override
    public void start() {
        // jitsi-srtp elects its AES provider by benchmark on first use: here, not on the first peer's event loop.
        long warmUpStarted = System.nanoTime();
        SrtpWarmUp.run();
        log.info("SRTP providers chosen and checked in {} ms", (System.nanoTime() - warmUpStarted) / 1_000_000);
        AtomicInteger threads = new AtomicInteger();
        // Handshakes block a thread each (Bouncy Castle's API); after them an endpoint only runs short tasks (alerts,
        // close_notify). A bounded queue lets bursts wait for a thread instead of failing sessions.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(properties.dtlsHandshakeThreads(),
                properties.dtlsHandshakeThreads(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(DTLS_QUEUE),
                r -> {
                    Thread t = new Thread(r, "dtls-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        dtlsPool = pool;
        transport = UdpTransport.bind(properties.udpPort());
        IceConfig ice = new IceConfig(properties.iceConnectTimeout().toNanos() / 1000,
                properties.consentTimeout().toNanos() / 1000);
        NodeMetrics metrics = new NodeMetrics(meterRegistry);
        environment = new SessionEnvironment(transport.loop(), transport.sender(), transport.allocator(), metrics,
                dtlsPool, certificate, ice, properties.publisherMaxBitrate(),
                Integer.highestOneBit(Math.max(1, properties.retransmissionCachePackets())));
        sessions = new SessionTable(environment);
        rooms = new RoomDirectory(environment::nowMicros);
        transport.start(sessions);
        if (cluster != null) {
            cluster.start(transport, environment, rooms, candidates);
        }
        transport.loop().scheduleAtFixedRate(sessions::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        Gauge.builder("mediamesh.sessions", this, node -> node.sessions.size()).register(meterRegistry);
        watchdog = new LoopWatchdog(transport.loop(), meterRegistry);
        running = true;
        log.info("media node up: UDP {} (epoll {}), candidates {}", properties.udpPort(), transport.nativeTransport(),
                candidates);
    }

    /** Creates a WHIP publisher session in the token's room. */
    public CompletableFuture<Created> publish(TokenClaims claims, String offer) {
        return create(Kind.WHIP, claims, offer, MediaRole.PUBLISH, null);
    }

    /** Creates a WHEP viewer session that plays {@code wantedPeer} (null: the room's first publisher). */
    public CompletableFuture<Created> play(TokenClaims claims, String wantedPeer, String offer) {
        return create(Kind.WHEP, claims, offer, MediaRole.SUBSCRIBE, wantedPeer);
    }

    private CompletableFuture<Created> create(Kind kind, TokenClaims claims, String offer, MediaRole mediaRole,
            String wantedPeer) {
        IceCredentials ice = IceCredentials.random();
        LocalTransport local = new LocalTransport(ice.ufrag(), ice.pwd(), certificate.fingerprintSha256(),
                candidates);
        NegotiationResult negotiation = SdpNegotiator.answer(offer, mediaRole, local,
                () -> RANDOM.nextLong(1, 0xffffffffL));
        String id = ids.next(kind.name().toLowerCase());
        String peer = claims.peer() != null ? claims.peer() : "whep-" + id.substring(id.length() - 8);
        return onLoop(() -> {
            long now = environment.nowMicros();
            WebRtcSession session = new WebRtcSession(id, kind.name(), claims.room(), peer, ice, negotiation,
                    environment, sessions, now);
            if (cluster != null) {
                cluster.peerJoined(claims.room(), peer, kind == Kind.WHIP ? PeerKind.WHIP : PeerKind.WHEP, id);
                session.onClosed(() -> cluster.peerLeft(claims.room(), peer, id));
            }
            Room room = rooms.room(claims.room());
            if (kind == Kind.WHIP) {
                session.start(new PublisherRole(session, room, peer, negotiation.media()));
            } else {
                session.start(new ViewerRole(session, room, wantedPeer, SdpNegotiator.cname(local),
                        negotiation.media()));
            }
            return new Created(id, negotiation.answerSdp());
        });
    }

    /** Closes a session; false when no session of that kind has (or had, in the last minute) this id. */
    public CompletableFuture<Boolean> delete(Kind kind, String id) {
        return onLoop(() -> {
            WebRtcSession session = find(kind, id);
            if (session == null) {
                // A client that closed its peer connection first (DTLS close_notify) still gets its DELETE answered.
                boolean ended = id != null && id.startsWith(kind.name().toLowerCase() + "-")
                        && sessions.closedRecently(id);
                sessions.forgetClosed(id);
                return ended;
            }
            session.close("deleted by its client");
            sessions.forgetClosed(id);
            return true;
        });
    }

    /**
     * Switches a WHEP viewer to {@code peer}'s tracks (null: the room's first publisher) or pauses it, without
     * renegotiation (see {@link io.mediamesh.node.room.ViewerRole#select}).
     *
     * @return the viewer's state, or empty when there is no such WHEP session on this node
     */
    public CompletableFuture<java.util.Optional<String>> selectSource(String id, String peer, boolean paused) {
        return onLoop(() -> {
            WebRtcSession session = find(Kind.WHEP, id);
            if (session == null || !(session.role() instanceof io.mediamesh.node.room.ViewerRole viewer)) {
                return java.util.Optional.<String>empty();
            }
            return java.util.Optional.of(viewer.select(peer, paused, session.environment().nowMicros()));
        });
    }

    /**
     * Creates one of an SDK session's peer connections: SEND (its m-lines become tracks named by {@code names}, by
     * mid) or RECV (its m-lines become receivers, see {@link SubscriberRole}). The signalling service owns the peer's
     * entry in the cluster, so these sessions do not register one.
     */
    public CompletableFuture<Created> sdkSession(Kind kind, String room, String peer, String offer,
            Map<String, String> names) {
        if (kind != Kind.SEND && kind != Kind.RECV) {
            throw new IllegalArgumentException("not an SDK session kind: " + kind);
        }
        IceCredentials ice = IceCredentials.random();
        LocalTransport local = new LocalTransport(ice.ufrag(), ice.pwd(), certificate.fingerprintSha256(),
                candidates);
        NegotiationResult negotiation = SdpNegotiator.answer(offer,
                kind == Kind.SEND ? MediaRole.PUBLISH : MediaRole.SUBSCRIBE, local,
                () -> RANDOM.nextLong(1, 0xffffffffL));
        String id = ids.next(kind.name().toLowerCase());
        return onLoop(() -> {
            WebRtcSession session = new WebRtcSession(id, kind.name(), room, peer, ice, negotiation, environment,
                    sessions, environment.nowMicros());
            Room target = rooms.room(room);
            session.start(kind == Kind.SEND ? new PublisherRole(session, target, peer, negotiation.media(), names)
                    : new SubscriberRole(session, target, SdpNegotiator.cname(local), negotiation.media()));
            return new Created(id, negotiation.answerSdp());
        });
    }

    /**
     * Answers a new offer on a live SDK session (senders or receivers added or removed). SSRCs of the m-lines the
     * session already had are kept, so receivers play on without a glitch.
     *
     * @return the answer, or empty when there is no such session on this node
     */
    public CompletableFuture<java.util.Optional<String>> sdkRenegotiate(Kind kind, String id, String offer,
            Map<String, String> names) {
        // Hop 1 (loop): the session's transport and current SSRCs; then negotiate here (pure work); hop 2 applies it.
        return onLoop(() -> {
            WebRtcSession session = find(kind, id);
            if (session == null) {
                return null;
            }
            Map<String, long[]> ssrcs = new java.util.HashMap<>();
            if (session.role() instanceof SubscriberRole subscriber) {
                subscriber.receivers().forEach(r -> ssrcs.put(r.mid(),
                        new long[] {subscriber.ssrcOf(r.mid(), false), subscriber.ssrcOf(r.mid(), true)}));
            }
            return new Renegotiation(session, session.localIce(), ssrcs);
        }).thenCompose(current -> {
            if (current == null) {
                return CompletableFuture.completedFuture(java.util.Optional.<String>empty());
            }
            LocalTransport local = new LocalTransport(current.ice().ufrag(), current.ice().pwd(),
                    certificate.fingerprintSha256(), candidates);
            NegotiationResult negotiation = SdpNegotiator.answer(offer,
                    kind == Kind.SEND ? MediaRole.PUBLISH : MediaRole.SUBSCRIBE, local, (mid, rtx) -> {
                        long[] known = current.ssrcs().get(mid);
                        long ssrc = known == null ? -1 : known[rtx ? 1 : 0];
                        return ssrc >= 0 ? ssrc : RANDOM.nextLong(1, 0xffffffffL);
                    });
            return onLoop(() -> {
                if (current.session().isClosed()) {
                    return java.util.Optional.<String>empty();
                }
                current.session().renegotiated(negotiation, names, environment.nowMicros());
                return java.util.Optional.of(negotiation.answerSdp());
            });
        });
    }

    private record Renegotiation(WebRtcSession session, IceCredentials ice, Map<String, long[]> ssrcs) {
    }

    /**
     * Points an SDK receiver at a track (see {@link SubscriberRole#select}).
     *
     * @return the receiver's view, or empty when there is no such RECV session on this node
     * @throws IllegalArgumentException (in the future) for an unknown mid or a track of the other kind
     */
    public CompletableFuture<java.util.Optional<SubscriberRole.ReceiverView>> sdkReceiver(String id, String mid,
            String peer, String track, io.mediamesh.node.room.ReceiverSettings settings) {
        return onLoop(() -> {
            WebRtcSession session = find(Kind.RECV, id);
            if (session == null || !(session.role() instanceof SubscriberRole subscriber)) {
                return java.util.Optional.<SubscriberRole.ReceiverView>empty();
            }
            return java.util.Optional.of(subscriber.select(mid, peer, track, settings,
                    session.environment().nowMicros()));
        });
    }

    /** The receivers of an SDK RECV session, or empty when there is no such session on this node. */
    public CompletableFuture<java.util.Optional<List<SubscriberRole.ReceiverView>>> sdkReceivers(String id) {
        return onLoop(() -> {
            WebRtcSession session = find(Kind.RECV, id);
            return session != null && session.role() instanceof SubscriberRole subscriber
                    ? java.util.Optional.of(subscriber.receivers())
                    : java.util.Optional.<List<SubscriberRole.ReceiverView>>empty();
        });
    }

    /** Closes every session of {@code peer} in {@code room} on this node (the admin API's kick); how many. */
    public CompletableFuture<Integer> kick(String room, String peer, String reason) {
        return onLoop(() -> closeMatching(room, peer, reason));
    }

    /** Closes every session of {@code room} on this node; how many. */
    public CompletableFuture<Integer> closeRoom(String room, String reason) {
        return onLoop(() -> closeMatching(room, null, reason));
    }

    private int closeMatching(String room, String peer, String reason) {
        int closed = 0;
        for (WebRtcSession session : List.copyOf(sessions.sessions())) {
            if (session.room().equals(room) && (peer == null || session.peer().equals(peer))) {
                session.close(reason);
                closed++;
            }
        }
        return closed;
    }

    /** The cluster membership, or null on a standalone node. */
    public ClusterLink cluster() {
        return cluster;
    }

    /** The peer's ICE ufrag of a live session of that kind, or empty when there is no such session. */
    public CompletableFuture<java.util.Optional<String>> remoteIceUfrag(Kind kind, String id) {
        return onLoop(() -> java.util.Optional.ofNullable(find(kind, id)).map(WebRtcSession::remoteIceUfrag));
    }

    private WebRtcSession find(Kind kind, String id) {
        if (id == null || !id.startsWith(kind.name().toLowerCase() + "-")) {
            return null;
        }
        return sessions.get(id);
    }

    private <T> CompletableFuture<T> onLoop(java.util.function.Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        transport.loop().execute(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } finally {
                environment.sender().flush();
            }
        });
        return result;
    }

    public List<InetSocketAddress> candidates() {
        return candidates;
    }

    public String fingerprint() {
        return certificate.fingerprintSha256();
    }

    @Override
    public void stop() {
        running = false;
        if (watchdog != null) {
            watchdog.close();
        }
        if (cluster != null) {
            // Stop cluster events first: they are handed to the event loop that closes below.
            cluster.close();
        }
        if (transport != null) {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            transport.loop().execute(() -> {
                for (WebRtcSession session : List.copyOf(sessions.sessions())) {
                    session.close("node shutting down");
                }
                closed.complete(null);
            });
            closed.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            transport.close();
        }
        if (dtlsPool != null) {
            dtlsPool.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
