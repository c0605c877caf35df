package io.mediamesh.overlay.pubsub;

import io.mediamesh.overlay.route.RoutingTable;
import io.mediamesh.overlay.wire.ChannelData;
import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.Feedback;
import io.mediamesh.overlay.wire.NodeId;
import io.mediamesh.proto.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Pub-sub relay trees (atm0s-sdn's pub-sub model): each channel has a source node; a Subscribe travels hop by hop
 * towards it along the routing table, and every node on the way keeps relay state and adds the sender as a
 * downstream. A node that already has state for the channel does not forward the Subscribe (relay reuse), so the
 * source sends one copy per downstream neighbour however many subscribers there are.
 *
 * <p>Soft state: Subscribes are refreshed every tick and downstreams expire after the subscription timeout;
 * Unsubscribe prunes faster. When the next hop to the source changes, the node resubscribes through the new
 * next hop; while the old upstream link is alive it keeps the old upstream until data arrives from the new one
 * (make-before-break), otherwise it switches at once. Data from a neighbour that is neither the upstream, the
 * pending upstream, nor (for {@value #DRAIN_MICROS} µs after a switch) the previous upstream is dropped, and a
 * per-channel {@link SequenceWindow} drops packets already seen, so no node
 * receives or forwards a packet twice.
 *
 * <p>The per-packet path ({@link #onData}, {@link #publish}) does no allocation here: primitive maps, arrays and
 * a reused fan-out scratch array. Owned by one engine thread.
 */
public final class PubSubEngine {
    /** How long packets still in flight from the previous upstream are accepted after a switch. */
    static final long DRAIN_MICROS = 1_000_000;
    private final int self;
    private final RoutingTable routes;
    private final IntPredicate linkUp;
    private final PubSubSink sink;
    private final long subscriptionTimeoutMicros;
    private final long feedbackIntervalMicros;
    private final LongObjectHashMap<ChannelState> channels = new LongObjectHashMap<>();
    private final List<ChannelState> feedbackQueue = new ArrayList<>();
    private int[] fanOut = new int[16];
    private long dataWithoutState;
    private long dataNotFromUpstream;
    private long dataDuplicate;
    private long publishedWithoutSubscribers;

    public PubSubEngine(NodeId self, RoutingTable routes, IntPredicate linkUp, PubSubSink sink,
            long subscriptionTimeoutMicros, long feedbackIntervalMicros) {
        this.self = self.value();
        this.routes = routes;
        this.linkUp = linkUp;
        this.sink = sink;
        this.subscriptionTimeoutMicros = subscriptionTimeoutMicros;
        this.feedbackIntervalMicros = feedbackIntervalMicros;
    }

    /** Adds one local subscriber to {@code channel} published at {@code source}. */
    public void subscribe(long nowMicros, ChannelId channel, NodeId source) {
        ChannelState state = channels.get(channel.value());
        if (state == null) {
            state = new ChannelState(channel.value(), source.value());
            channels.put(channel.value(), state);
            attachUpstream(state, NodeId.NONE);
        }
        state.localSubscribers++;
    }

    /** Removes one local subscriber; the tree is pruned when nothing is left here. */
    public void unsubscribe(long nowMicros, ChannelId channel) {
        ChannelState state = channels.get(channel.value());
        if (state != null && state.localSubscribers > 0) {
            state.localSubscribers--;
            releaseIfEmpty(state);
        }
    }

    /** Whether anything subscribed to {@code channel} through this node: a cheap check before building a packet. */
    public boolean hasChannel(long channel) {
        return channels.containsKey(channel);
    }

    /**
     * Publishes one packet of a channel whose source is this node: local subscribers and one copy per downstream.
     *
     * @param payload borrows; not consumed
     * @return the number of copies sent to neighbours (0 if nobody subscribed)
     */
    public int publish(long nowMicros, ChannelId channel, ByteBuf payload) {
        ChannelState state = channels.get(channel.value());
        if (state == null) {
            publishedWithoutSubscribers++;
            return 0;
        }
        if (state.source != self) {
            throw new IllegalStateException(channel + " is published at " + new NodeId(state.source)
                    + ", not here");
        }
        int sequence = state.nextSequence++;
        state.packetsIn++;
        state.bytesIn += payload.readableBytes();
        return forward(state, NodeId.NONE, sequence, payload);
    }

    /**
     * The first sequence number of a channel's state created at its source. The state goes away when the last
     * subscriber leaves (or its link dies) and may be created again moments later; counting from the clock (one step
     * per 100 us, far more than any stream's packet rate) keeps the new numbers ahead of the old ones, so subscribers
     * that kept their duplicate window do not take the new packets for old ones.
     */
    static int firstSequence(long nowMicros) {
        return (int) (nowMicros / 100);
    }

    /** A Subscribe from neighbour {@code from}. */
    public void onSubscribe(long nowMicros, int from, long channel, int source) {
        ChannelState state = channels.get(channel);
        if (state == null) {
            state = new ChannelState(channel, source);
            if (source == self) {
                state.nextSequence = firstSequence(nowMicros);
            }
            channels.put(channel, state);
            state.addOrRefresh(from, nowMicros);
            attachUpstream(state, from);
        } else {
            state.addOrRefresh(from, nowMicros);
            if (state.source != self && state.upstream == NodeId.NONE) {
                reroute(state);
            }
        }
    }

    /** An Unsubscribe from neighbour {@code from}. */
    public void onUnsubscribe(long nowMicros, int from, long channel) {
        ChannelState state = channels.get(channel);
        if (state != null && state.remove(from)) {
            releaseIfEmpty(state);
        }
    }

    /**
     * A decrypted ChannelData body from neighbour {@code from}.
     *
     * @param body borrows; not consumed
     * @throws MalformedPacketException if the body is shorter than the channel and sequence fields
     */
    public void onData(long nowMicros, int from, ByteBuf body) {
        if (body.readableBytes() < ChannelData.PREFIX_LENGTH) {
            throw new MalformedPacketException("ChannelData needs 12 bytes, has " + body.readableBytes());
        }
        int start = body.readerIndex();
        ChannelState state = channels.get(ChannelData.channelAt(body, start));
        if (state == null) {
            dataWithoutState++;
            return;
        }
        if (from != state.upstream) {
            if (from == state.pendingUpstream) {
                // The new path delivers: complete the make-before-break switch and release the old upstream.
                // Packets the old upstream already sent (on a slower path) are still accepted for a short drain
                // period, so the switch loses nothing; the sequence window drops the ones seen twice.
                if (state.upstream != NodeId.NONE) {
                    sink.sendUnsubscribe(state.upstream, state.id);
                    state.drainingUpstream = state.upstream;
                    state.drainingUntilMicros = nowMicros + DRAIN_MICROS;
                }
                state.upstream = from;
                state.pendingUpstream = NodeId.NONE;
            } else if (from != state.drainingUpstream || nowMicros > state.drainingUntilMicros) {
                dataNotFromUpstream++;
                return;
            }
        }
        int sequence = ChannelData.sequenceAt(body, start);
        if (!state.sequences.accept(sequence)) {
            dataDuplicate++;
            return;
        }
        ByteBuf payload = body.slice(start + ChannelData.PREFIX_LENGTH,
                body.readableBytes() - ChannelData.PREFIX_LENGTH);
        state.packetsIn++;
        state.bytesIn += payload.readableBytes();
        forward(state, from, sequence, payload);
    }

    private int forward(ChannelState state, int from, int sequence, ByteBuf payload) {
        if (state.localSubscribers > 0) {
            sink.deliverLocal(state.channelId, payload);
        }
        if (fanOut.length < state.downstreamCount) {
            fanOut = new int[state.downstreams.length];
        }
        int count = 0;
        for (int i = 0; i < state.downstreamCount; i++) {
            int neighbour = state.downstreams[i];
            if (neighbour != from && neighbour != state.upstream) {
                fanOut[count++] = neighbour;
            }
        }
        if (count > 0) {
            sink.sendData(fanOut, count, state.id, sequence, payload);
            state.copiesOut += count;
            state.bytesOut += (long) count * payload.readableBytes();
        }
        return count;
    }

    /** Local feedback (e.g. desired bitrate, keyframe request) for a subscribed channel; false if unknown. */
    public boolean sendFeedback(long nowMicros, ChannelId channel, int kind, long value) {
        ChannelState state = channels.get(channel.value());
        if (state == null) {
            return false;
        }
        merge(nowMicros, state, kind, 1, value, value, value);
        return true;
    }

    /** Feedback from a downstream neighbour. */
    public void onFeedback(long nowMicros, int from, Feedback feedback) {
        ChannelState state = channels.get(feedback.channel().value());
        if (state == null || state.indexOf(from) < 0) {
            return;
        }
        merge(nowMicros, state, feedback.kind(), feedback.count(), feedback.min(), feedback.max(), feedback.sum());
    }

    private void merge(long nowMicros, ChannelState state, int kind, int count, long min, long max, long sum) {
        if (kind == Feedback.KIND_NACK) {
            // Retransmission requests name packets: merging would lose them, and waiting makes the repair late.
            FeedbackAggregate single = new FeedbackAggregate(state.channelId, kind, count, min, max, sum);
            if (state.source == self) {
                sink.feedbackAtSource(single);
            } else if (state.upstream != NodeId.NONE) {
                sink.sendFeedback(state.upstream, single);
            }
            return;
        }
        FeedbackAggregate pending = state.pendingFeedback.get(kind);
        state.pendingFeedback.put(kind, pending == null
                ? new FeedbackAggregate(state.channelId, kind, count, min, max, sum)
                : pending.merge(count, min, max, sum));
        // The first report after a quiet interval goes out at once (keyframe requests are urgent); reports
        // arriving within the interval are merged and flushed when it ends.
        if (nowMicros >= state.feedbackAllowedMicros) {
            flushFeedback(nowMicros, state);
        } else if (!state.feedbackQueued) {
            state.feedbackQueued = true;
            feedbackQueue.add(state);
        }
    }

    private void flushFeedback(long nowMicros, ChannelState state) {
        for (FeedbackAggregate aggregate : state.pendingFeedback.values()) {
            if (state.source == self) {
                sink.feedbackAtSource(aggregate);
            } else if (state.upstream != NodeId.NONE) {
                sink.sendFeedback(state.upstream, aggregate);
            }
        }
        state.pendingFeedback.clear();
        state.feedbackAllowedMicros = nowMicros + feedbackIntervalMicros;
    }

    /** The earliest queued feedback flush, or {@link Long#MAX_VALUE}. */
    public long nextFeedbackMicros() {
        long next = Long.MAX_VALUE;
        for (ChannelState state : feedbackQueue) {
            next = Math.min(next, state.feedbackAllowedMicros);
        }
        return next;
    }

    /** Flushes queued feedback whose interval has ended. */
    public void flushDueFeedback(long nowMicros) {
        feedbackQueue.removeIf(state -> {
            if (nowMicros < state.feedbackAllowedMicros) {
                return false;
            }
            state.feedbackQueued = false;
            if (channels.get(state.id) == state) {
                flushFeedback(nowMicros, state);
            }
            return true;
        });
    }

    /** Once per tick: expire downstreams, re-route where the next hop moved, refresh Subscribes upstream. */
    public void tick(long nowMicros) {
        for (ChannelState state : new ArrayList<>(channels.values())) {
            state.expire(nowMicros, subscriptionTimeoutMicros);
            if (releaseIfEmpty(state)) {
                continue;
            }
            if (state.source == self) {
                continue;
            }
            reroute(state);
            if (state.upstream != NodeId.NONE) {
                sink.sendSubscribe(state.upstream, state.id, state.source);
            }
            if (state.pendingUpstream != NodeId.NONE) {
                sink.sendSubscribe(state.pendingUpstream, state.id, state.source);
            }
        }
    }

    /** After the routing table changed: resubscribe every channel whose next hop to the source moved. */
    public void onRoutesChanged(long nowMicros) {
        for (ChannelState state : new ArrayList<>(channels.values())) {
            if (state.source != self) {
                reroute(state);
            }
        }
    }

    /** A neighbour link died: it is no longer a downstream, and no longer an upstream (switch at once). */
    public void onLinkDown(long nowMicros, int neighbour) {
        for (ChannelState state : new ArrayList<>(channels.values())) {
            state.remove(neighbour);
            if (state.pendingUpstream == neighbour) {
                state.pendingUpstream = NodeId.NONE;
            }
            if (state.upstream == neighbour) {
                state.upstream = state.pendingUpstream;
                state.pendingUpstream = NodeId.NONE;
                // Nothing more comes over the dead path, so nothing the new one brings can be a duplicate; the
                // source may even have restarted the channel.
                state.sequences.reset();
            }
            if (!releaseIfEmpty(state) && state.source != self) {
                reroute(state);
            }
        }
    }

    private void attachUpstream(ChannelState state, int requester) {
        if (state.source == self) {
            return;
        }
        int nextHop = routes.nextHop(state.source);
        if (nextHop != NodeId.NONE && nextHop != requester) {
            state.upstream = nextHop;
            sink.sendSubscribe(nextHop, state.id, state.source);
        }
    }

    private void reroute(ChannelState state) {
        int nextHop = routes.nextHop(state.source);
        if (nextHop == state.upstream) {
            if (state.pendingUpstream != NodeId.NONE) {
                sink.sendUnsubscribe(state.pendingUpstream, state.id);
                state.pendingUpstream = NodeId.NONE;
            }
            return;
        }
        if (nextHop == state.pendingUpstream) {
            return;
        }
        if (nextHop == NodeId.NONE) {
            if (state.upstream != NodeId.NONE && !linkUp.test(state.upstream)) {
                state.upstream = NodeId.NONE;
            }
            return;
        }
        if (state.indexOf(nextHop) >= 0) {
            // Subscribing through a downstream would close a loop; wait until it re-routes or leaves (next tick).
            return;
        }
        if (state.pendingUpstream != NodeId.NONE) {
            sink.sendUnsubscribe(state.pendingUpstream, state.id);
            state.pendingUpstream = NodeId.NONE;
        }
        if (state.upstream != NodeId.NONE && linkUp.test(state.upstream)) {
            state.pendingUpstream = nextHop;
        } else {
            state.upstream = nextHop;
        }
        sink.sendSubscribe(nextHop, state.id, state.source);
    }

    private boolean releaseIfEmpty(ChannelState state) {
        if (!state.isEmpty()) {
            return false;
        }
        if (state.upstream != NodeId.NONE) {
            sink.sendUnsubscribe(state.upstream, state.id);
        }
        if (state.pendingUpstream != NodeId.NONE) {
            sink.sendUnsubscribe(state.pendingUpstream, state.id);
        }
        channels.remove(state.id);
        return true;
    }

    public List<ChannelSnapshot> snapshot() {
        List<ChannelSnapshot> out = new ArrayList<>(channels.size());
        for (ChannelState state : channels.values()) {
            out.add(state.snapshot());
        }
        out.sort((a, b) -> Long.compare(a.channel().value(), b.channel().value()));
        return List.copyOf(out);
    }

    public long dataWithoutState() {
        return dataWithoutState;
    }

    public long dataNotFromUpstream() {
        return dataNotFromUpstream;
    }

    public long dataDuplicate() {
        return dataDuplicate;
    }

    public long publishedWithoutSubscribers() {
        return publishedWithoutSubscribers;
    }
}
