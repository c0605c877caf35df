package io.mediamesh.overlay.link;

import io.mediamesh.overlay.wire.NodeId;
import java.net.InetSocketAddress;

/**
 * One neighbour link: address, state, smoothed RTT and loss. Liveness and RTT come from Ping/Pong once per tick:
 * the RTT is an EWMA with gain 1/8 (the RFC 6298 SRTT gain); the loss is the fraction of unanswered pings among
 * the last {@value #LOSS_WINDOW}, where a ping counts as lost when the next one is sent without its Pong having
 * arrived (one tick, 1 s, is far above any sane RTT). The address is an opaque value; this class does no I/O.
 * Owned by one engine thread.
 */
public final class Link {
    public static final int LOSS_WINDOW = 10;

    private InetSocketAddress address;
    private final boolean seed;
    private int peer;
    private LinkState state = LinkState.CONNECTING;
    private long upSinceMicros;
    private long lastPongMicros;
    private long nextHelloMicros;
    private int nextPingSeq;
    private int outstandingSeq;
    private boolean outstanding;
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
        outstanding = false;
        srttMicros = -1;
        lossHistory = 0;
        lossSamples = 0;
        return true;
    }

    void markDown(long nowMicros) {
        state = LinkState.DOWN;
        nextHelloMicros = nowMicros;
    }

    /** Starts a ping: finalises the previous one (lost if still unanswered) and returns the new sequence. */
    public int startPing() {
        if (outstanding) {
            recordOutcome(true);
        }
        outstanding = true;
        outstandingSeq = nextPingSeq++;
        return outstandingSeq;
    }

    /** Handles a Pong; returns true if it answered the outstanding ping and produced an RTT sample. */
    public boolean onPong(int seq, long echoedSentMicros, long nowMicros) {
        if (!outstanding || seq != outstandingSeq || echoedSentMicros > nowMicros) {
            return false;
        }
        outstanding = false;
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
