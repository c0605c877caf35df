package io.mediamesh.sip.bridge.rtp;

import io.mediamesh.clustermedia.OverlayMember;
import io.mediamesh.sip.bridge.CallMedia;
import io.mediamesh.sip.bridge.CallMediaFactory;
import io.mediamesh.sip.bridge.CallMediaListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media bridge of the SIP gateway: opens each call leg's RTP and RTCP ports from the configured range and runs
 * its audio with the other calls and tracks of its room.
 *
 * <p>Threading: all calls of one room run on one event loop (the overlay member's, or one of a given NIO group, the
 * room's loop chosen when its first call opens), so a room's mixer, jitter buffers and codecs need no locks. Anything
 * that touches the {@link OverlayMember} is handed to its loop. {@link #open} binds synchronously and must not be
 * called from a bridge loop; the rest of the API may be called from any thread.
 */
public final class RtpBridges implements CallMediaFactory {
    private static final Logger log = LoggerFactory.getLogger(RtpBridges.class);

    private final RtpBridgeConfig config;
    private final OverlayMember member;
    private final EventLoopGroup group;
    private final PortRange ports;
    private final Map<String, RoomAudio> rooms = new HashMap<>();

    /** A bridge whose calls all run on the member's event loop. */
    public RtpBridges(RtpBridgeConfig config, OverlayMember member) {
        this(config, member, null);
    }

    /**
     * A bridge whose rooms are spread over the loops of {@code nioGroup} (NIO transport), or all on the member's loop
     * when it is null.
     */
    public RtpBridges(RtpBridgeConfig config, OverlayMember member, EventLoopGroup nioGroup) {
        this.config = Objects.requireNonNull(config);
        this.member = Objects.requireNonNull(member);
        this.group = nioGroup;
        this.ports = new PortRange(config.portMin(), config.portMax());
    }

    @Override
    public CallMedia open(String room, String peer, CallMediaListener listener) throws IOException {
        RoomAudio audio = retainRoom(room);
        int port = -1;
        Channel rtp = null;
        Channel rtcp = null;
        RtpCallMedia call = null;
        try {
            for (int attempt = 0; attempt < ports.pairs() && rtcp == null; attempt++) {
                port = ports.reserve();
                if (port < 0) {
                    break;
                }
                try {
                    call = new RtpCallMedia(this, audio, room, peer, listener, port);
                } catch (RuntimeException e) {
                    ports.release(port);
                    throw e;
                }
                try {
                    rtp = bind(audio.loop(), port, call.rtpHandler());
                    rtcp = bind(audio.loop(), port + 1, call.rtcpHandler());
                } catch (Exception e) { // Netty rethrows the BindException unchecked
                    log.debug("RTP port pair {} not bindable: {}", port, e.toString());
                    if (rtp != null) {
                        rtp.close().syncUninterruptibly();
                        rtp = null;
                    }
                    ports.release(port);
                    port = -1;
                }
            }
            if (rtcp == null) {
                throw new IOException("no free RTP port pair in " + config.portMin() + ".." + config.portMax());
            }
            call.bound(rtp, rtcp);
            return call;
        } catch (IOException | RuntimeException e) {
            releaseRoom(audio);
            throw e;
        }
    }

    private Channel bind(EventLoop loop, int port, ChannelHandler handler) {
        return new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.SO_RCVBUF, 256 << 10)
                .handler(handler).bind(new InetSocketAddress(config.bindAddress(), port)).syncUninterruptibly()
                .channel();
    }

    private synchronized RoomAudio retainRoom(String room) {
        RoomAudio audio = rooms.get(room);
        if (audio == null) {
            EventLoop loop = group == null ? member.loop() : group.next();
            audio = new RoomAudio(room, member, loop, config);
            rooms.put(room, audio);
            audio.start();
        }
        audio.references++;
        return audio;
    }

    /** A call of the room closed (or failed to open): the last one stops the room's audio. */
    synchronized void releaseRoom(RoomAudio audio) {
        if (--audio.references == 0) {
            rooms.remove(audio.room(), audio);
            audio.stop();
        }
    }

    /** A call's ports are closed. */
    void releasePort(int port) {
        ports.release(port);
    }

    /** The address phones send RTP to, for the SDP {@code c=} line. */
    @Override
    public String advertisedAddress() {
        return config.advertisedAddress();
    }

    /** RTP ports reserved now (one per open call). */
    public int portsInUse() {
        return ports.reserved();
    }

    /** Rooms with open calls now. */
    public synchronized int rooms() {
        return rooms.size();
    }

    RtpBridgeConfig config() {
        return config;
    }
}
