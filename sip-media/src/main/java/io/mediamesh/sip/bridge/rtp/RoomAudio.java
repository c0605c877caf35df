package io.mediamesh.sip.bridge.rtp;

import io.mediamesh.clustermedia.ChannelReceiver;
import io.mediamesh.clustermedia.ChannelSubscription;
import io.mediamesh.clustermedia.OverlayMember;
import io.mediamesh.clustermedia.RoomTracksListener;
import io.mediamesh.model.cluster.TrackInfo;
import io.mediamesh.model.cluster.TrackKind;
import io.mediamesh.sip.bridge.audio.RoomMix;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio of one room on this gateway: watches the room's tracks, subscribes to the audio tracks other nodes
 * publish (this member's own tracks are its calls, mixed directly), and drives the 20 ms tick of every call in the
 * room: phone frames in (and published), the mix, each phone's mix-minus out.
 *
 * <p>Threading: the mix, the calls and the tick live on {@link #loop()}; the watch and the subscriptions on the
 * member's loop (the same loop unless the bridge was given a group), and packets hop over with a copy when the loops
 * differ. {@code references} is guarded by the {@link RtpBridges} monitor.
 */
final class RoomAudio implements RoomTracksListener {
    private static final Logger log = LoggerFactory.getLogger(RoomAudio.class);
    static final long TICK_MILLIS = 20;

    private final String room;
    private final OverlayMember member;
    private final EventLoop loop;
    private final RoomMix mix;
    private final short[] mixBuffer;
    private final byte[] scratch = new byte[2048];
    /** Calls of this room, on {@link #loop}. */
    private final List<RtpCallMedia> calls = new ArrayList<>();
    /** Remote source ids by channel, on {@link #loop} (a primitive-keyed map: no boxing per packet). */
    private final LongObjectHashMap<Integer> sources = new LongObjectHashMap<>();
    /** Subscriptions by channel, on the member's loop. */
    private final Map<Long, ChannelSubscription> subscriptions = new HashMap<>();
    private ScheduledFuture<?> timer;
    private AutoCloseable watch;
    private boolean stopped;
    int references;

    RoomAudio(String room, OverlayMember member, EventLoop loop, RtpBridgeConfig config) {
        this.room = room;
        this.member = member;
        this.loop = loop;
        this.mix = new RoomMix(config.mixRate(), config.roomCapacity(), config.speakers(), config.jitterMinMillis(),
                config.jitterMaxMillis());
        this.mixBuffer = new short[mix.frameSamples()];
    }

    String room() {
        return room;
    }

    EventLoop loop() {
        return loop;
    }

    OverlayMember member() {
        return member;
    }

    RoomMix mix() {
        return mix;
    }

    void start() {
        onMember(() -> {
            if (!stopped) {
                watch = member.watchRoom(room, this);
            }
        });
        timer = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        onMember(() -> {
            stopped = true;
            if (watch != null) {
                try {
                    watch.close();
                } catch (Exception e) {
                    log.debug("room {}: stopping the watch: {}", room, e.toString());
                }
            }
            subscriptions.values().forEach(ChannelSubscription::close);
            subscriptions.clear();
        });
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Adds a call to the tick (room loop). */
    void add(RtpCallMedia call) {
        calls.add(call);
    }

    /** Removes a call from the tick (room loop). */
    void remove(RtpCallMedia call) {
        calls.remove(call);
    }

    // ---- the room's tracks, on the member's loop ----

    @Override
    public void trackAdded(TrackInfo track) {
        int payloadType = payloadType(track.media(), "opus");
        int redPayloadType = payloadType(track.media(), "red");
        if (stopped || track.kind() != TrackKind.AUDIO || track.sourceNodeId() == member.nodeId()
                || payloadType < 0 || subscriptions.containsKey(track.channelId())) {
            return; // this member's own tracks are its calls, mixed without a round trip through Opus
        }
        long channel = track.channelId();
        subscriptions.put(channel, member.subscribe(track, new ChannelReceiver() {
            @Override
            public void onRtp(ByteBuf rtp, long nowMicros) {
                deliver(channel, rtp);
            }
        }));
        onRoom(() -> {
            if (!sources.containsKey(channel)) {
                int id = mix.addRemote(payloadType, redPayloadType);
                if (id < 0) {
                    log.warn("room {}: more than {} audio sources, {} not mixed", room, sources.size(), track.peer());
                } else {
                    sources.put(channel, Integer.valueOf(id));
                }
            }
        });
        log.debug("room {}: mixing {}/{}", room, track.peer(), track.track());
    }

    @Override
    public void trackRemoved(TrackInfo track) {
        ChannelSubscription subscription = subscriptions.remove(track.channelId());
        if (subscription == null) {
            return;
        }
        subscription.close();
        onRoom(() -> {
            Integer id = sources.remove(track.channelId());
            if (id != null) {
                mix.remove(id);
            }
        });
    }

    /**
     * The payload type of codec {@code name} in a track's media descriptor ({@code c,<name>,<pt>,...} entries
     * separated by {@code ;}), or -1 when it has none.
     */
    static int payloadType(String descriptor, String name) {
        if (descriptor == null) {
            return -1;
        }
        for (String entry : descriptor.split(";")) {
            String[] fields = entry.split(",", 4);
            if (fields.length >= 3 && fields[0].equals("c") && fields[1].toLowerCase(Locale.ROOT).equals(name)) {
                try {
                    return Integer.parseInt(fields[2]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** @param rtp borrowed */
    private void deliver(long channel, ByteBuf rtp) {
        if (loop.inEventLoop()) {
            deliverOnLoop(channel, rtp);
            return;
        }
        byte[] copy = ByteBufUtil.getBytes(rtp);
        onRoom(() -> {
            Integer id = sources.get(channel);
            if (id != null) {
                mix.onRemoteRtp(id, copy, 0, copy.length, nowMillis());
            }
        });
    }

    private void deliverOnLoop(long channel, ByteBuf rtp) {
        Integer id = sources.get(channel);
        if (id == null) {
            return;
        }
        int length = rtp.readableBytes();
        if (rtp.hasArray()) {
            mix.onRemoteRtp(id, rtp.array(), rtp.arrayOffset() + rtp.readerIndex(), length, nowMillis());
        } else if (length <= scratch.length) {
            rtp.getBytes(rtp.readerIndex(), scratch, 0, length);
            mix.onRemoteRtp(id, scratch, 0, length, nowMillis());
        }
    }

    // ---- the tick, on the room's loop ----

    private void tick() {
        long now = nowMillis();
        try {
            mix.beginFrame(now);
            boolean mixCalls = calls.size() > 1; // a call alone has no one on this gateway to hear it
            for (int i = 0; i < calls.size(); i++) {
                calls.get(i).uplinkTick(now, mixCalls);
            }
            mix.mix();
            for (int i = 0; i < calls.size(); i++) {
                calls.get(i).downlinkTick(now, mixBuffer);
            }
        } catch (RuntimeException e) {
            log.warn("room {}: audio tick failed", room, e); // never cancel the timer: the next tick is a new frame
        }
    }

    static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    void onMember(Runnable task) {
        run(member.loop(), task);
    }

    void onRoom(Runnable task) {
        run(loop, task);
    }

    private static void run(EventLoop target, Runnable task) {
        if (target.inEventLoop()) {
            task.run();
            return;
        }
        try {
            target.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("event loop shut down, task dropped");
        }
    }
}
