package io.mediamesh.clustermedia;

import io.mediamesh.overlay.OverlayNode;
import io.mediamesh.overlay.OverlayOutput;
import io.mediamesh.overlay.wire.ChannelId;
import io.mediamesh.overlay.wire.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin Netty adapter of the sans-IO {@link OverlayNode}: feeds it the overlay port's datagrams and the time,
 * sends what it transmits, arms its timer, and hands channel data and feedback to the {@link OverlayListener}.
 * Runs on the UDP event loop that also owns the WebRTC sessions, so relayed packets need no thread hop.
 */
public final class OverlayDriver extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(OverlayDriver.class);

    private final OverlayNode engine;
    private final EventLoop loop;
    private final Map<InetSocketAddress, Long> delaysMicros;
    private final Map<InetSocketAddress, Double> lossFractions;
    private final long clockOffsetMicros;
    private Channel channel;
    private OverlayListener listener;
    private ScheduledFuture<?> timer;
    private long timerAtMicros = Long.MAX_VALUE;

    /**
     * @param delaysMicros test-only extra one-way delay per neighbour address (empty in production)
     * @param clockOffsetMicros added to {@code System.nanoTime() / 1000} to get the engine's clock, which must not
     *     go back across restarts (wall-clock based)
     */
    public OverlayDriver(OverlayNode engine, EventLoop loop, Map<InetSocketAddress, Long> delaysMicros,
            long clockOffsetMicros) {
        this(engine, loop, delaysMicros, Map.of(), clockOffsetMicros);
    }

    /**
     * @param lossFractions test-only fraction of frames dropped on purpose per neighbour address (empty in production)
     */
    public OverlayDriver(OverlayNode engine, EventLoop loop, Map<InetSocketAddress, Long> delaysMicros,
            Map<InetSocketAddress, Double> lossFractions, long clockOffsetMicros) {
        super(true);
        this.engine = engine;
        this.loop = loop;
        this.delaysMicros = Map.copyOf(delaysMicros);
        this.lossFractions = Map.copyOf(lossFractions);
        this.clockOffsetMicros = clockOffsetMicros;
    }

    /** Starts driving the engine over {@code overlayChannel}; call on the event loop. */
    public void start(Channel overlayChannel, OverlayListener overlayListener) {
        this.channel = overlayChannel;
        this.listener = overlayListener;
        drain();
    }

    /** The engine's clock, in microseconds. */
    public long nowMicros() {
        return System.nanoTime() / 1000 + clockOffsetMicros;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        engine.handleDatagram(nowMicros(), packet.sender(), packet.content());
        drain();
    }

    /** Publishes one payload of a channel whose source is this node (borrows {@code payload}). */
    public void publish(ChannelId channelId, ByteBuf payload) {
        engine.publish(nowMicros(), channelId, payload);
        drain();
    }

    /** Whether anyone subscribed to a channel published here: skip building payloads nobody receives. */
    public boolean hasSubscribers(ChannelId channelId) {
        return engine.hasChannel(channelId);
    }

    public void subscribe(ChannelId channelId, NodeId source) {
        engine.subscribe(nowMicros(), channelId, source);
        drain();
    }

    public void unsubscribe(ChannelId channelId) {
        engine.unsubscribe(nowMicros(), channelId);
        drain();
    }

    public void sendFeedback(ChannelId channelId, int kind, long value) {
        engine.sendFeedback(nowMicros(), channelId, kind, value);
        drain();
    }

    public OverlayNode engine() {
        return engine;
    }

    /** The event loop that owns the engine. */
    public EventLoop engineLoop() {
        return loop;
    }

    /** Handles every output the engine has queued, then re-arms the timer. Event loop only. */
    void drain() {
        OverlayOutput output;
        boolean wrote = false;
        while ((output = engine.pollOutput()) != null) {
            if (output instanceof OverlayOutput.Transmit transmit) {
                wrote |= transmit(transmit.to(), transmit.frame());
            } else if (output instanceof OverlayOutput.ChannelDataReceived data) {
                listener.onChannelData(data.channel(), data.payload(), nowMicros());
            } else if (output instanceof OverlayOutput.FeedbackReceived feedback) {
                listener.onFeedback(feedback.channel(), feedback.kind(), feedback.count(), feedback.max(), nowMicros());
            } else if (output instanceof OverlayOutput.LinkUp up) {
                log.info("overlay link up: {}", up.neighbour());
            } else if (output instanceof OverlayOutput.LinkDown down) {
                log.warn("overlay link down: {}", down.neighbour());
            } else if (output instanceof OverlayOutput.RouteChanged route) {
                log.info("overlay route to {} via {} ({} us, {} hops)", route.destination(), route.nextHop(),
                        route.metricMicros(), route.hops());
            }
        }
        if (wrote) {
            channel.flush();
        }
        arm();
    }

    private boolean transmit(InetSocketAddress to, ByteBuf frame) {
        Double loss = lossFractions.get(to);
        if (loss != null && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < loss) {
            frame.release();
            return false;
        }
        Long delay = delaysMicros.get(to);
        if (delay == null) {
            channel.write(new DatagramPacket(frame, to), channel.voidPromise());
            return true;
        }
        loop.schedule(() -> channel.writeAndFlush(new DatagramPacket(frame, to), channel.voidPromise()), delay,
                TimeUnit.MICROSECONDS);
        return false;
    }

    private void arm() {
        long due = engine.pollTimeoutMicros();
        if (due == Long.MAX_VALUE || (timer != null && !timer.isDone() && due >= timerAtMicros)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAtMicros = due;
        long delay = Math.max(0, due - nowMicros());
        timer = loop.schedule(this::onTimer, delay, TimeUnit.MICROSECONDS);
    }

    private void onTimer() {
        timerAtMicros = Long.MAX_VALUE;
        engine.handleTimeout(nowMicros());
        drain();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("overlay channel error (ignored): {}", cause.toString());
    }
}
