package io.mediamesh.sip.bridge.rtp;

import io.mediamesh.clustermedia.ChannelPublication;
import io.mediamesh.model.cluster.PeerKind;
import io.mediamesh.model.cluster.TrackKind;
import io.mediamesh.sip.bridge.CallMedia;
import io.mediamesh.sip.bridge.CallMediaListener;
import io.mediamesh.sip.bridge.CallMediaStats;
import io.mediamesh.sip.bridge.audio.PhoneDownlink;
import io.mediamesh.sip.bridge.audio.PhoneUplink;
import io.mediamesh.sip.bridge.audio.RtcpReports;
import io.mediamesh.sip.bridge.audio.RtpHeader;
import io.mediamesh.sip.media.Rfc6464;
import io.mediamesh.sip.media.dtmf.DtmfDigit;
import io.mediamesh.sip.sdp.NegotiatedAudio;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call leg's media: the thin Netty adapter around its {@link PhoneUplink} and {@link PhoneDownlink}, ticked by
 * its {@link RoomAudio}. Datagrams from the phone are copied once into a reused array and parsed in place; packets to
 * the phone are written into a reused array and copied once into a pooled buffer for the socket.
 *
 * <p>Threading: state lives on the room's loop; the room track's {@link ChannelPublication} on the member's loop.
 * {@link #apply} and {@link #close} hand their work over; the stats counters are volatile (one writer).
 */
final class RtpCallMedia implements CallMedia {
    static final int AUDIO_PT = 111;
    static final int AUDIO_LEVEL_EXTENSION_ID = 1;
    /** The room track: Opus (mono inside, as RFC 7587 allows) with the RFC 6464 audio level. */
    static final String DESCRIPTOR = "c,opus," + AUDIO_PT + ",48000,2,-1,minptime=10%3Buseinbandfec=1;x,"
            + AUDIO_LEVEL_EXTENSION_ID + ",urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    private static final Logger log = LoggerFactory.getLogger(RtpCallMedia.class);
    private static final long NTP_EPOCH_OFFSET_MILLIS = 2_208_988_800_000L;
    private static final long REPORT_INTERVAL_MILLIS = 1_000;
    private static final long RTCP_INTERVAL_MILLIS = 5_000;
    private static final int ROOM_HEADER = RtpHeader.FIXED_LENGTH + 8;

    private final RtpBridges bridges;
    private final RoomAudio audio;
    private final String room;
    private final String peer;
    private final CallMediaListener listener;
    private final int port;
    private final String connectionId;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PhoneUplink uplink;
    private final PhoneDownlink downlink;
    private final byte[] in = new byte[2048];
    private final byte[] out = new byte[Math.max(PhoneDownlink.MAX_PACKET, RtcpReports.MAX_LENGTH)];
    private final long roomSsrc;
    private Channel rtp;
    private Channel rtcp;

    // room loop
    private NegotiatedAudio negotiated;
    private InetSocketAddress remote;
    private int sourceId = -1;
    private int roomSequence;
    private long lastReportMillis = Long.MIN_VALUE;
    private long silentSince;
    private boolean timeoutReported;
    private boolean ended;
    private boolean latched;
    private InetSocketAddress remoteRtcp;
    private long lastRtcpMillis;
    private long packetsAtLastRtcp;
    private long highestAtLastRtcp;
    private long receivedAtLastRtcp;

    // member loop
    private ChannelPublication publication;

    private volatile long packetsFromPhone;
    private volatile long packetsToPhone;
    private volatile long packetsIntoRoom;
    private volatile long malformed;
    private volatile long lost;
    private volatile double jitterMillis;
    private volatile String codec = "";

    RtpCallMedia(RtpBridges bridges, RoomAudio audio, String room, String peer, CallMediaListener listener, int port) {
        this.bridges = bridges;
        this.audio = audio;
        this.room = room;
        this.peer = peer;
        this.listener = listener;
        this.port = port;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.connectionId = "sip-" + Long.toHexString(random.nextLong());
        RtpBridgeConfig config = bridges.config();
        this.uplink = new PhoneUplink(config.opusBitrate(), config.opusComplexity(), config.jitterMinMillis(),
                config.jitterMaxMillis(), random.nextInt());
        this.downlink = new PhoneDownlink(random.nextInt(), random.nextInt(1 << 16), random.nextInt(),
                config.mixRate(), config.opusBitrate(), config.opusComplexity());
        this.roomSsrc = random.nextInt() & 0xFFFFFFFFL;
        this.roomSequence = random.nextInt(1 << 16);
    }

    ChannelHandler rtpHandler() {
        return new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                onPhoneDatagram(packet.content(), packet.sender());
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                log.debug("room {}: {} RTP socket: {}", room, peer, cause.toString()); // e.g. ICMP unreachable
            }
        };
    }

    ChannelHandler rtcpHandler() {
        return new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                // The phone's reports are read and dropped: the jitter buffer measures what the bridge needs.
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                log.debug("room {}: {} RTCP socket: {}", room, peer, cause.toString());
            }
        };
    }

    void bound(Channel rtpChannel, Channel rtcpChannel) {
        this.rtp = rtpChannel;
        this.rtcp = rtcpChannel;
    }

    @Override
    public int rtpPort() {
        return port;
    }

    @Override
    public void apply(NegotiatedAudio negotiatedAudio) {
        if (!closed.get()) {
            audio.onRoom(() -> applyOnLoop(negotiatedAudio));
        }
    }

    private void applyOnLoop(NegotiatedAudio next) {
        if (ended) {
            return;
        }
        long now = RoomAudio.nowMillis();
        if (negotiated == null) {
            sourceId = audio.mix().addLocal();
            if (sourceId < 0) {
                log.warn("room {}: too many audio sources, {} is not mixed", room, peer);
            }
            audio.add(this);
            audio.onMember(() -> {
                if (!closed.get()) {
                    audio.member().joinPeer(room, peer, PeerKind.SIP, connectionId);
                    publication = audio.member().publish(room, peer, "audio", TrackKind.AUDIO, DESCRIPTOR);
                }
            });
            log.info("room {}: {} joins with {} from {}:{}", room, peer, next.codec(), next.remoteAddress(),
                    next.remotePort());
        }
        boolean wasReceiving = negotiated != null && negotiated.weReceive();
        if (wasReceiving && !next.weReceive()) {
            uplink.restart(); // on hold: what comes after it is a new talkspurt
        }
        if (!wasReceiving && next.weReceive()) {
            silentSince = now;
            timeoutReported = false;
        }
        uplink.configure(next.codec(), next.payloadType(), next.telephoneEventPayloadType());
        downlink.configure(next.codec(), next.payloadType());
        remote = next.remotePort() <= 0 || "0.0.0.0".equals(next.remoteAddress()) ? null
                : new InetSocketAddress(next.remoteAddress(), next.remotePort());
        remoteRtcp = remote == null ? null : new InetSocketAddress(remote.getAddress(), remote.getPort() + 1);
        latched = false;
        negotiated = next;
        codec = next.codec().encoding();
    }

    /**
     * @param content borrowed
     * @param sender  where the datagram came from: the first audio packet after each {@link #apply} latches the
     *                destination to it (symmetric RTP, RFC 4961), so a phone behind NAT, whose SDP names its private
     *                address, still hears the room
     */
    private void onPhoneDatagram(ByteBuf content, InetSocketAddress sender) {
        if (ended || negotiated == null || !negotiated.weReceive()) {
            return;
        }
        int length = Math.min(content.readableBytes(), in.length);
        content.getBytes(content.readerIndex(), in, 0, length);
        long now = RoomAudio.nowMillis();
        PhoneUplink.Outcome outcome = uplink.onPacket(in, 0, length, now);
        switch (outcome) {
            case AUDIO, DTMF, DROPPED -> {
                packetsFromPhone++;
                silentSince = now;
                timeoutReported = false;
                if (!latched && sender != null) {
                    latched = true;
                    if (!sender.equals(remote)) {
                        log.info("room {}: {} sends from {}, not {}: answering there", room, peer, sender, remote);
                        remote = sender;
                        remoteRtcp = new InetSocketAddress(sender.getAddress(), sender.getPort() + 1);
                    }
                }
            }
            case MALFORMED, UNKNOWN_PAYLOAD_TYPE -> malformed++;
            default -> {
            }
        }
        if (outcome == PhoneUplink.Outcome.DTMF) {
            reportDigit(uplink.takeDigit());
        }
    }

    /**
     * The first half of the room's tick: the phone's frame of this tick into the room.
     *
     * @param mixCalls whether other calls of this gateway in the room hear this one (its frame then goes to the mix)
     */
    void uplinkTick(long now, boolean mixCalls) {
        if (ended || negotiated == null) {
            return;
        }
        boolean publish = !audio.member().loop().inEventLoop() || publication != null && publication.hasSubscribers();
        if (uplink.tick(now, publish)) {
            if (sourceId >= 0 && mixCalls) {
                audio.mix().contribute(sourceId, uplink.frameAt(audio.mix().rate()), uplink.level());
            }
            if (uplink.encodedLength() > 0) {
                sendToRoom(now);
            }
        }
        reportDigit(uplink.takeDigit());
        lost = uplink.lost();
        jitterMillis = uplink.jitterMillis();
        long silent = now - silentSince;
        if (negotiated.weReceive() && !negotiated.remoteHold() && !timeoutReported
                && silent >= bridges.config().mediaTimeout().toMillis()) {
            timeoutReported = true;
            listener.onMediaTimeout(silent);
        }
    }

    /** The second half of the room's tick: the mix of this tick to the phone. */
    void downlinkTick(long now, short[] mixBuffer) {
        if (ended || negotiated == null) {
            return;
        }
        boolean send = negotiated.weSend() && remote != null;
        if (send) {
            audio.mix().mixFor(sourceId, mixBuffer);
        }
        int length = downlink.tick(mixBuffer, send, out);
        if (length > 0) {
            ByteBuf packet = rtp.alloc().directBuffer(length).writeBytes(out, 0, length);
            rtp.writeAndFlush(new DatagramPacket(packet, remote), rtp.voidPromise());
            packetsToPhone++;
        }
        if (remoteRtcp != null && now - lastRtcpMillis >= RTCP_INTERVAL_MILLIS) {
            lastRtcpMillis = now;
            sendReport();
        }
    }

    /** A sender report (or a receiver report while nothing was sent) with a block about the phone's stream. */
    private void sendReport() {
        boolean sending = downlink.packets() > packetsAtLastRtcp;
        packetsAtLastRtcp = downlink.packets();
        // RFC 3550 A.3: the fraction of the packets expected since the last report that did not come
        long expected = uplink.highestSequence() - highestAtLastRtcp;
        long received = uplink.audioPackets() - receivedAtLastRtcp;
        boolean baseline = highestAtLastRtcp == 0 || expected <= 0 || expected > 0xFFFF; // first report, new SSRC
        int fractionLost = baseline || received >= expected ? 0 : (int) (((expected - received) << 8) / expected);
        highestAtLastRtcp = uplink.highestSequence();
        receivedAtLastRtcp = uplink.audioPackets();
        long wall = System.currentTimeMillis() + NTP_EPOCH_OFFSET_MILLIS;
        long ntp = ((wall / 1000) << 32) | (((wall % 1000) << 32) / 1000);
        long source = uplink.ssrc();
        int length = RtcpReports.write(out, sending, downlink.ssrc(), ntp, downlink.lastTimestamp(),
                downlink.packets(), downlink.octets(), source, fractionLost, uplink.lost(), uplink.highestSequence(),
                Math.round(uplink.jitterMillis() * uplink.rate() / 1000), connectionId + "@mediamesh");
        ByteBuf packet = rtcp.alloc().directBuffer(length).writeBytes(out, 0, length);
        rtcp.writeAndFlush(new DatagramPacket(packet, remoteRtcp), rtcp.voidPromise());
    }

    private void sendToRoom(long now) {
        int length = uplink.encodedLength();
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.heapBuffer(ROOM_HEADER + length);
        long timestamp = uplink.frameTimestamp();
        packet.writeByte(0x90).writeByte(AUDIO_PT).writeShort(roomSequence).writeInt((int) timestamp)
                .writeInt((int) roomSsrc);
        packet.writeShort(0xBEDE).writeShort(1); // RFC 8285 one-byte extension block of one word
        packet.writeByte(AUDIO_LEVEL_EXTENSION_ID << 4).writeByte(Rfc6464.element(uplink.level() < 127, uplink.level()))
                .writeShort(0);
        packet.writeBytes(uplink.encoded(), 0, length);
        roomSequence = (roomSequence + 1) & 0xFFFF;
        boolean report = now - lastReportMillis >= REPORT_INTERVAL_MILLIS;
        if (report) {
            lastReportMillis = now;
        }
        long wall = report ? System.currentTimeMillis() + NTP_EPOCH_OFFSET_MILLIS : 0;
        if (audio.member().loop().inEventLoop()) {
            publish(packet, report, wall, timestamp); // no task (and no captured lambda) per packet
        } else {
            audio.onMember(() -> publish(packet, report, wall, timestamp));
        }
    }

    /** On the member's loop: the packet into the overlay (released), and the sender report when due. */
    private void publish(ByteBuf packet, boolean report, long wall, long timestamp) {
        try {
            if (publication != null && publication.sendRtp(packet)) {
                packetsIntoRoom++;
            }
            if (report && publication != null) {
                long ntp = ((wall / 1000) << 32) | (((wall % 1000) << 32) / 1000);
                publication.sendSenderReport(ntp, timestamp);
            }
        } finally {
            packet.release();
        }
    }

    private void reportDigit(DtmfDigit digit) {
        if (digit != null && digit.digit() != 0) {
            try {
                listener.onDtmf(digit.digit(), digit.durationMillis());
            } catch (RuntimeException e) {
                log.warn("room {}: {} DTMF listener failed", room, peer, e);
            }
        }
    }

    @Override
    public CallMediaStats stats() {
        return new CallMediaStats(packetsFromPhone, packetsToPhone, packetsIntoRoom, malformed, lost, jitterMillis,
                codec);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        audio.onRoom(() -> {
            ended = true;
            audio.remove(this);
            if (sourceId >= 0) {
                audio.mix().remove(sourceId);
            }
        });
        audio.onMember(() -> {
            if (publication != null) {
                publication.close();
            }
            audio.member().leavePeer(room, peer, connectionId);
        });
        Channel rtpChannel = rtp;
        Channel rtcpChannel = rtcp;
        if (rtpChannel == null || rtcpChannel == null || audio.loop().isShuttingDown()) {
            if (rtpChannel != null) {
                rtpChannel.close();
                rtcpChannel.close();
            }
            bridges.releasePort(port); // no loop left to run a close listener on
            bridges.releaseRoom(audio);
            return;
        }
        rtpChannel.close().addListener(f -> rtcpChannel.close().addListener(g -> {
            bridges.releasePort(port);
            bridges.releaseRoom(audio);
        }));
        log.info("room {}: {} leaves ({} packets from the phone, {} to it, {} into the room, {} malformed)", room,
                peer, packetsFromPhone, packetsToPhone, packetsIntoRoom, malformed);
    }
}
