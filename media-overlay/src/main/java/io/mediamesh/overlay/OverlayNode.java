package io.mediamesh.overlay;

import io.mediamesh.overlay.link.Link;
import io.mediamesh.overlay.link.LinkSnapshot;
import io.mediamesh.overlay.link.LinkTable;
import io.mediamesh.overlay.pubsub.ChannelSnapshot;
import io.mediamesh.overlay.pubsub.FeedbackAggregate;
import io.mediamesh.overlay.pubsub.PubSubEngine;
import io.mediamesh.overlay.pubsub.PubSubSink;
import io.mediamesh.overlay.route.DistanceVector;
import io.mediamesh.overlay.route.RouteSnapshot;
import io.mediamesh.overlay.wire.ChannelData;
import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.Feedback;
import io.mediamesh.overlay.wire.FrameKeys;
import io.mediamesh.overlay.wire.FrameOpener;
import io.mediamesh.overlay.wire.FrameSealer;
import io.mediamesh.overlay.wire.FrameType;
import io.mediamesh.overlay.wire.Hello;
import io.mediamesh.overlay.wire.NodeId;
import io.mediamesh.overlay.wire.OverlayFrame;
import io.mediamesh.overlay.wire.OverlayKeys;
import io.mediamesh.overlay.wire.Ping;
import io.mediamesh.overlay.wire.Pong;
import io.mediamesh.overlay.wire.RouteUpdate;
import io.mediamesh.overlay.wire.Subscribe;
import io.mediamesh.overlay.wire.Unsubscribe;
import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sans-IO overlay engine of one media node: links, routing and pub-sub behind one facade, in the str0m
 * style. The caller feeds datagrams ({@link #handleDatagram}) and timeouts ({@link #handleTimeout}), calls the
 * API methods, then drains {@link #pollOutput()} until it returns null and sleeps until
 * {@link #pollTimeoutMicros()}. Nothing here opens a socket, starts a thread or reads a clock.
 *
 * <p>{@code nowMicros} must come from one clock that never goes back, also across restarts of the node (e.g.
 * wall-clock microseconds): the AEAD counter is at least {@code nowMicros}, which keeps nonces unique and lets
 * peers' replay windows accept a restarted node.
 *
 * <p>Threading: one engine per node, owned by one thread; no locks. Snapshots are immutable.
 */
public final class OverlayNode {
    private final OverlayConfig config;
    private final OverlayTimers timers;
    private final int self;
    private final ByteBufAllocator allocator;
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final LinkTable links = new LinkTable();
    private final DistanceVector routing;
    private final PubSubEngine pubsub;
    private final ArrayDeque<OverlayOutput> outputs = new ArrayDeque<>();
    private long now;
    private long nextTickMicros;
    private boolean routesDirty;
    private long framesIn;
    private long framesOut;
    private long malformed;
    private long unauthenticated;
    private long replayed;
    private long notNeighbour;

    public OverlayNode(OverlayConfig config, long nowMicros) {
        this.config = config;
        this.timers = config.timers();
        this.self = config.self().value();
        this.allocator = config.allocator();
        FrameKeys key = OverlayKeys.frameKeys(config.clusterSecret());
        this.sealer = new FrameSealer(key, config.self(), nowMicros);
        this.opener = new FrameOpener(key);
        this.routing = new DistanceVector(config.self(), timers.maxHops(), timers.routeTimeoutMicros(),
                timers.holdDownMicros());
        this.pubsub = new PubSubEngine(config.self(), routing.table(), node -> links.up(node) != null, new Sink(),
                timers.subscriptionTimeoutMicros(), timers.feedbackIntervalMicros());
        this.now = nowMicros;
        this.nextTickMicros = nowMicros;
        for (InetSocketAddress seed : config.seeds()) {
            links.addSeed(seed, nowMicros);
        }
    }

    public NodeId self() {
        return config.self();
    }

    /**
     * One datagram from the network. Frames that are malformed, unauthenticated, replayed or from a non-neighbour
     * are counted and dropped; no exception escapes for bad input.
     *
     * @param frame borrows; not consumed, not retained
     */
    public void handleDatagram(long nowMicros, InetSocketAddress from, ByteBuf frame) {
        now = nowMicros;
        framesIn++;
        switch (opener.open(frame)) {
            case OK -> dispatch(from);
            case MALFORMED -> malformed++;
            case UNAUTHENTICATED -> unauthenticated++;
            case REPLAYED -> replayed++;
        }
        finishStep();
    }

    private void dispatch(InetSocketAddress from) {
        int type = opener.type();
        int sender = opener.sender();
        ByteBuf body = opener.body();
        try {
            if (type == FrameType.HELLO) {
                onHello(from, sender, Hello.decode(body));
                return;
            }
            Link link = links.up(sender);
            if (link == null) {
                notNeighbour++;
                return;
            }
            switch (type) {
                case FrameType.PING -> {
                    Ping ping = Ping.decode(body);
                    transmit(link.address(), new Pong(ping.seq(), ping.sentMicros()));
                }
                case FrameType.PONG -> {
                    Pong pong = Pong.decode(body);
                    if (link.onPong(pong.seq(), pong.echoedSentMicros(), now)) {
                        routing.setNeighbour(sender, linkCost(link));
                        recomputeRoutes();
                    }
                }
                case FrameType.ROUTE_UPDATE -> {
                    routing.onUpdate(sender, RouteUpdate.decode(body), now);
                    recomputeRoutes();
                }
                case FrameType.SUBSCRIBE -> {
                    Subscribe subscribe = Subscribe.decode(body);
                    pubsub.onSubscribe(now, sender, subscribe.channel().value(), subscribe.source().value());
                }
                case FrameType.UNSUBSCRIBE -> pubsub.onUnsubscribe(now, sender, Unsubscribe.decode(body).channel().value());
                case FrameType.CHANNEL_DATA -> pubsub.onData(now, sender, body);
                case FrameType.FEEDBACK -> pubsub.onFeedback(now, sender, Feedback.decode(body));
                default -> malformed++;
            }
        } catch (MalformedPacketException e) {
            malformed++;
        }
    }

    private void onHello(InetSocketAddress from, int sender, Hello hello) {
        if (hello.node().value() != sender) {
            throw new MalformedPacketException("Hello for " + hello.node() + " sent by " + new NodeId(sender));
        }
        if (sender == self) {
            return;
        }
        Link link = links.onHello(sender, from, now);
        if (!hello.ack()) {
            transmit(from, new Hello(config.self(), true, config.advertisedAddress()));
        }
        if (links.lastHelloBroughtUp()) {
            outputs.add(new OverlayOutput.LinkUp(new NodeId(sender)));
            routing.setNeighbour(sender, linkCost(link));
            transmit(link.address(), new Ping(link.startPing(), now));
            recomputeRoutes();
            routesDirty = true;
        }
    }

    /** Timers: dead links, Hello retries, pings, periodic route updates, subscription refresh, feedback. */
    public void handleTimeout(long nowMicros) {
        now = nowMicros;
        for (Link link : new ArrayList<>(links.all())) {
            if (link.isDead(now, timers.deadLinkMicros())) {
                linkDown(link);
            }
        }
        pubsub.flushDueFeedback(now);
        if (now >= nextTickMicros) {
            tick();
            while (nextTickMicros <= now) {
                nextTickMicros += timers.tickMicros();
            }
        }
        finishStep();
    }

    private void tick() {
        for (Link link : links.all()) {
            if (link.isUp()) {
                transmit(link.address(), new Ping(link.startPing(), now));
                routing.setNeighbour(link.peer(), linkCost(link));
            } else if (now >= link.nextHelloMicros()) {
                transmit(link.address(), new Hello(config.self(), false, config.advertisedAddress()));
                link.nextHelloMicros(now + timers.tickMicros());
            }
        }
        recomputeRoutes();
        routesDirty = true;
        pubsub.tick(now);
    }

    private void linkDown(Link link) {
        int peer = link.peer();
        links.markDown(link, now);
        routing.removeNeighbour(peer);
        outputs.add(new OverlayOutput.LinkDown(new NodeId(peer)));
        recomputeRoutes();
        pubsub.onLinkDown(now, peer);
    }

    private long linkCost(Link link) {
        return link.srttMicros(timers.initialRttMicros()) + timers.hopPenaltyMicros()
                + Math.round(link.loss() * timers.lossPenaltyMicros());
    }

    private void recomputeRoutes() {
        List<RouteSnapshot> changed = routing.recompute(now);
        if (changed.isEmpty()) {
            return;
        }
        for (RouteSnapshot route : changed) {
            outputs.add(new OverlayOutput.RouteChanged(route.destination(), route.nextHop(), route.metricMicros(),
                    route.hops()));
        }
        routesDirty = true;
        pubsub.onRoutesChanged(now);
    }

    /** Sends triggered (or periodic) route updates once per step, however many changes the step made. */
    private void finishStep() {
        if (!routesDirty) {
            return;
        }
        routesDirty = false;
        for (Link link : links.all()) {
            if (link.isUp()) {
                for (RouteUpdate update : routing.updatesFor(link.peer())) {
                    transmit(link.address(), update);
                }
            }
        }
    }

    /** The next time {@link #handleTimeout} must be called. */
    public long pollTimeoutMicros() {
        long next = Math.min(nextTickMicros, pubsub.nextFeedbackMicros());
        for (Link link : links.all()) {
            if (link.isUp()) {
                next = Math.min(next, link.deadlineMicros(timers.deadLinkMicros()));
            }
        }
        return next;
    }

    /** The next output, or null when drained. */
    public OverlayOutput pollOutput() {
        return outputs.poll();
    }

    /** Adds a neighbour at runtime and says Hello to it at once. */
    public void addNeighbour(long nowMicros, InetSocketAddress address) {
        now = nowMicros;
        if (links.addSeed(address, now)) {
            transmit(address, new Hello(config.self(), false, config.advertisedAddress()));
        }
    }

    /** Adds a local subscriber of {@code channel} published at {@code source}. */
    public void subscribe(long nowMicros, ChannelId channel, NodeId source) {
        now = nowMicros;
        pubsub.subscribe(now, channel, source);
        finishStep();
    }

    public void unsubscribe(long nowMicros, ChannelId channel) {
        now = nowMicros;
        pubsub.unsubscribe(now, channel);
        finishStep();
    }

    /**
     * Publishes one packet of a channel whose source is this node.
     *
     * @param payload borrows; not consumed
     * @return copies sent to neighbours
     */
    public int publish(long nowMicros, ChannelId channel, ByteBuf payload) {
        now = nowMicros;
        return pubsub.publish(now, channel, payload);
    }

    /**
     * Whether this node has state for {@code channel}: at its source, whether anyone subscribed. Lets the caller
     * skip building packets nobody receives; allocation-free.
     */
    public boolean hasChannel(ChannelId channel) {
        return pubsub.hasChannel(channel.value());
    }

    /** Sends feedback (see {@link Feedback} kinds) for a subscribed channel towards its source. */
    public boolean sendFeedback(long nowMicros, ChannelId channel, int kind, long value) {
        now = nowMicros;
        return pubsub.sendFeedback(now, channel, kind, value);
    }

    /** The next hop towards {@code destination}, or null. */
    public NodeId nextHop(NodeId destination) {
        int hop = routing.table().nextHop(destination.value());
        return hop == NodeId.NONE ? null : new NodeId(hop);
    }

    public List<LinkSnapshot> links() {
        return links.snapshot();
    }

    public List<RouteSnapshot> routes() {
        return routing.snapshot();
    }

    public List<ChannelSnapshot> channels() {
        return pubsub.snapshot();
    }

    public OverlayCounters counters() {
        return new OverlayCounters(framesIn, framesOut, malformed, unauthenticated, replayed, notNeighbour,
                pubsub.dataWithoutState(), pubsub.dataNotFromUpstream(), pubsub.dataDuplicate());
    }

    private void transmit(InetSocketAddress to, OverlayFrame frame) {
        outputs.add(new OverlayOutput.Transmit(to, sealer.seal(now, frame, allocator)));
        framesOut++;
    }

    private void transmitTo(int neighbour, OverlayFrame frame) {
        Link link = links.up(neighbour);
        if (link != null) {
            transmit(link.address(), frame);
        }
    }

    /** Pub-sub actions become sealed frames and outputs. */
    private final class Sink implements PubSubSink {
        @Override
        public void sendSubscribe(int neighbour, long channel, int source) {
            transmitTo(neighbour, new Subscribe(new ChannelId(channel), new NodeId(source)));
        }

        @Override
        public void sendUnsubscribe(int neighbour, long channel) {
            transmitTo(neighbour, new Unsubscribe(new ChannelId(channel)));
        }

        @Override
        public void sendFeedback(int neighbour, FeedbackAggregate a) {
            transmitTo(neighbour, new Feedback(a.channel(), a.kind(), a.count(), a.min(), a.max(), a.sum()));
        }

        @Override
        public void sendData(int[] neighbours, int count, long channel, int sequence, ByteBuf payload) {
            // One encryption per packet, whatever the fan-out: every receiver keeps its own replay window for
            // this sender, so the same sealed bytes are valid for all of them.
            ChannelData.write(sealer.body(), channel, sequence, payload);
            ByteBuf frame = sealer.seal(now, FrameType.CHANNEL_DATA, allocator);
            try {
                for (int i = 0; i < count; i++) {
                    Link link = links.up(neighbours[i]);
                    if (link != null) {
                        outputs.add(new OverlayOutput.Transmit(link.address(), frame.retainedDuplicate()));
                        framesOut++;
                    }
                }
            } finally {
                frame.release();
            }
        }

        @Override
        public void deliverLocal(ChannelId channel, ByteBuf payload) {
            ByteBuf copy = allocator.heapBuffer(payload.readableBytes());
            copy.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            outputs.add(new OverlayOutput.ChannelDataReceived(channel, copy));
        }

        @Override
        public void feedbackAtSource(FeedbackAggregate a) {
            outputs.add(new OverlayOutput.FeedbackReceived(a.channel(), a.kind(), a.count(), a.min(), a.max(),
                    a.sum()));
        }
    }
}
