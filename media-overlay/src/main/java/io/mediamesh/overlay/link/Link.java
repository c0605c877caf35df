package io.mediamesh.overlay.link;

import io.mediamesh.overlay.wire.NodeId;
import java.net.InetSocketAddress;

/**
 * One neighbour link: address, state, smoothed RTT and loss. Liveness and RTT come from Ping/Pong once per tick:
 * the RTT is an EWMA with gain 1/8 (the RFC 6298 SRTT gain); the loss is the fraction of unanswered pings among
 * the last {@value #LOSS_WINDOW}. A ping may be answered until {@value #ANSWER_PINGS} later pings have gone out
 * (2 s at the default 500 ms tick, under the 3 s dead-link limit); a Pong that comes after the next Ping is a late
 * answer, an RTT sample like any other, not a loss: a neighbour whose event loop stalls for a second is slow for
 * that second, and its RTT says so, while counting it as loss had weighed one stall like a lossy link for ten
 * pings. The address is an opaque value; this class does no I/O. Owned by one engine thread.
 */
public final class Link {
    public static final int LOSS_WINDOW = 10;
    /** Pings that may be in flight: a ping is lost when this many later pings were sent without its Pong. */
    public static final int ANSWER_PINGS = 4;
    private static final int PENDING_MASK = (1 << ANSWER_PINGS) - 1;

    private InetSocketAddress address;
    private final boolean seed;
    private int peer;
    private LinkState state = LinkState.CONNECTING;
    private long upSinceMicros;
    private long lastPongMicros;
    private long nextHelloMicros;
    private int nextPingSeq;
    /** Bit i: the ping sent i pings before the latest is still unanswered. */
    private int pending;
    private long srttMicros = -1;
    private int lossHistory;
    private int lossSamples;

    Link(InetSocketAddress address, boolean seed, long nowMicros) {
        this.address = address;
        this.seed = seed;
        this.nextHelloMicros = nowMicros;
    }

    /** Marks the link up after an authenticated Hello from {@code node}; returns true if it was not up. */
    boolean markUp(int node, long nowMicros) {
        peer = node;
        if (state == LinkState.UP) {
            return false;
        }
        state = LinkState.UP;
        upSinceMicros = nowMicros;
        lastPongMicros = nowMicros;
        pending = 0;
        srttMicros = -1;
        lossHistory = 0;
        lossSamples = 0;
        return true;
    }

    void markDown(long nowMicros) {
        state = LinkState.DOWN;
        nextHelloMicros = nowMicros;
    }

    /** Starts a ping: a ping that goes out of the answer window unanswered is lost; returns the new sequence. */
    public int startPing() {
        if ((pending & (1 << (ANSWER_PINGS - 1))) != 0) {
            recordOutcome(true);
        }
        pending = (pending << 1 | 1) & PENDING_MASK;
        return nextPingSeq++;
    }

    /** Handles a Pong; returns true if it answered a ping still in the window and produced an RTT sample. */
    public boolean onPong(int seq, long echoedSentMicros, long nowMicros) {
        int age = nextPingSeq - 1 - seq;
        if (age < 0 || age >= ANSWER_PINGS || (pending & (1 << age)) == 0 || echoedSentMicros > nowMicros) {
            return false;
        }
        pending &= ~(1 << age);
        recordOutcome(false);
        lastPongMicros = nowMicros;
        long sample = nowMicros - echoedSentMicros;
        srttMicros = srttMicros < 0 ? sample : srttMicros + (sample - srttMicros) / 8;
        return true;
    }

    private void recordOutcome(boolean lost) {
        lossHistory = (lossHistory << 1 | (lost ? 1 : 0)) & ((1 << LOSS_WINDOW) - 1);
        lossSamples = Math.min(LOSS_WINDOW, lossSamples + 1);
    }

    /** True if the link is up but no Pong arrived for {@code deadMicros}. */
    public boolean isDead(long nowMicros, long deadMicros) {
        return state == LinkState.UP && nowMicros - lastPongMicros >= deadMicros;
    }

    /** When {@link #isDead} turns true for an up link. */
    public long deadlineMicros(long deadMicros) {
        return lastPongMicros + deadMicros;
    }

    /** Fraction of lost pings in the window, 0 when there is no sample. */
    public double loss() {
        return lossSamples == 0 ? 0 : (double) Integer.bitCount(lossHistory) / lossSamples;
    }

    /** Smoothed RTT, or {@code initialMicros} before the first sample. */
    public long srttMicros(long initialMicros) {
        return srttMicros < 0 ? initialMicros : srttMicros;
    }

    public boolean hasRttSample() {
        return srttMicros >= 0;
    }

    public InetSocketAddress address() {
        return address;
    }

    void address(InetSocketAddress newAddress) {
        this.address = newAddress;
    }

    public boolean seed() {
        return seed;
    }

    /** The neighbour's node id value, or {@link NodeId#NONE} before its first Hello. */
    public int peer() {
        return peer;
    }

    public LinkState state() {
        return state;
    }

    public boolean isUp() {
        return state == LinkState.UP;
    }

    public long upSinceMicros() {
        return upSinceMicros;
    }

    public long nextHelloMicros() {
        return nextHelloMicros;
    }

    public void nextHelloMicros(long at) {
        this.nextHelloMicros = at;
    }

    public LinkSnapshot snapshot() {
        return new LinkSnapshot(peer == NodeId.NONE ? null : new NodeId(peer), address, state,
                srttMicros, loss());
    }
}
