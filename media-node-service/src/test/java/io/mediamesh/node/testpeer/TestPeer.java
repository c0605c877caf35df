package io.mediamesh.node.testpeer;

import io.mediamesh.core.dtls.DtlsCertificate;
import io.mediamesh.core.dtls.DtlsEndpoint;
import io.mediamesh.core.dtls.DtlsOutput;
import io.mediamesh.core.dtls.DtlsRole;
import io.mediamesh.core.ice.IceCredentials;
import io.mediamesh.core.srtp.SrtpSession;
import io.mediamesh.node.testpeer.ChromiumOffer.PayloadTypes;
import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.demux.PacketClass;
import io.mediamesh.proto.demux.Rfc7983;
import io.mediamesh.proto.rtcp.RtcpCompound;
import io.mediamesh.proto.rtcp.RtcpPacket;
import io.mediamesh.proto.stun.StunAttribute;
import io.mediamesh.proto.stun.StunIntegrity;
import io.mediamesh.proto.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal WebRTC client for the media node's WHIP/WHEP endpoints, made of MediaMesh's own protocol libraries:
 * it offers (Chromium-shaped SDP), posts the offer, sends ICE connectivity checks every 500 ms as the controlling
 * agent with USE-CANDIDATE, runs the DTLS client once a check succeeds, and then sends and receives SRTP/SRTCP.
 * Everything it receives is recorded for the test to assert on; it answers nothing but DTLS.
 */
public final class TestPeer implements AutoCloseable {
    private static final long STUN_INTERVAL_MILLIS = 500;
    private static final int DTLS_MTU = 1200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final boolean publisher;
    private final PayloadTypes codecs;
    private final IceCredentials local = IceCredentials.random();
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final long audioSsrc = randomSsrc();
    private final long videoSsrc = randomSsrc();
    private final long videoRtxSsrc = randomSsrc();
    private final long rtcpSsrc = randomSsrc();
    private final long tieBreaker = RANDOM.nextLong();
    private final RtpStreamWriter audio;
    private final RtpStreamWriter video;
    private final Object srtpLock = new Object();
    private final ReceivedMedia media = new ReceivedMedia();
    private final AtomicInteger stunSuccesses = new AtomicInteger();
    private final AtomicInteger stunErrors = new AtomicInteger();
    private final AtomicBoolean dtlsStarted = new AtomicBoolean();
    private ParsedAnswer answer;
    private URI resource;
    private DatagramChannel channel;
    private Thread reader;
    private ScheduledExecutorService loop;
    private ExecutorService dtlsExecutor;
    private volatile DtlsEndpoint dtls;
    private volatile SrtpSession srtp;
    private volatile String dtlsFailure;
    private volatile boolean dtlsClosed;
    private volatile boolean consentChecks = true;
    private volatile boolean closed;

    private TestPeer(String name, boolean publisher, PayloadTypes codecs) {
        this.name = name;
        this.publisher = publisher;
        this.codecs = codecs;
        this.audio = new RtpStreamWriter(audioSsrc, codecs.opus(), '0', codecs.midExtension(),
                codecs.absSendTimeExtension(), RANDOM.nextInt(0x10000), RANDOM.nextInt() & 0xffffffffL);
        this.video = new RtpStreamWriter(videoSsrc, codecs.vp8(), '1', codecs.midExtension(),
                codecs.absSendTimeExtension(), RANDOM.nextInt(0x10000), RANDOM.nextInt() & 0xffffffffL);
    }

    /** A WHIP publisher of one opus and one VP8 (+RTX) track with Chromium's payload types. */
    public static TestPeer publisher(String name) {
        return new TestPeer(name, true, PayloadTypes.CHROMIUM);
    }

    /** A WHEP viewer offering recvonly opus and VP8 (+RTX) with the given payload types and extension ids. */
    public static TestPeer viewer(String name, PayloadTypes codecs) {
        return new TestPeer(name, false, codecs);
    }

    /** Our offer. */
    public String offerSdp() {
        return new ChromiumOffer(publisher, local.ufrag(), local.pwd(), certificate.fingerprintSha256(), codecs,
                audioSsrc, videoSsrc, videoRtxSsrc, "testpeer-" + name).sdp();
    }

    /** POSTs our offer to a WHIP/WHEP endpoint, expects 201, and takes the answer and the resource URL. */
    public TestPeer negotiate(URI endpoint, String token) {
        HttpResponse<String> response = PeerHttp.post(endpoint, token, "application/sdp", offerSdp());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(name + ": POST " + endpoint + " answered " + response.statusCode() + " "
                    + response.body());
        }
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException(name + ": 201 without Location"));
        accept(response.body(), endpoint.resolve(location));
        return this;
    }

    /** Takes an answer obtained elsewhere. */
    public void accept(String answerSdp, URI resourceUrl) {
        this.answer = ParsedAnswer.parse(answerSdp);
        this.resource = resourceUrl;
    }

    /** Opens the socket and starts the reader and the connectivity checks; DTLS follows the first success. */
    public TestPeer start() {
        if (answer == null) {
            throw new IllegalStateException(name + ": no answer yet");
        }
        try {
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "testpeer-" + name));
        dtlsExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "testpeer-dtls-" + name));
        reader = daemon(this::readLoop, "testpeer-reader-" + name);
        reader.start();
        loop.scheduleAtFixedRate(this::sendCheck, 0, STUN_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Waits until DTLS-SRTP is up; fails at once when DTLS failed. */
    public TestPeer awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (srtp == null) {
            if (dtlsFailure != null || dtlsClosed) {
                throw new IllegalStateException(name + ": DTLS " + (dtlsFailure != null ? dtlsFailure : "closed"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": not connected after " + timeout + " (STUN successes "
                        + stunSuccesses.get() + ", errors " + stunErrors.get() + ")");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    /** Stops sending connectivity checks, so that the node's consent timer (RFC 7675) runs out. */
    public void stopConsentChecks() {
        consentChecks = false;
    }

    /** Protects and sends one plain RTP packet. */
    public void sendRtp(byte[] plain) {
        sendProtected(plain, false);
    }

    /** Protects and sends plain RTCP bytes as they are, even malformed ones. */
    public void sendRtcpBytes(byte[] plain) {
        sendProtected(plain, true);
    }

    /** Encodes the packets as one compound RTCP packet, protects and sends it. */
    public void sendRtcp(RtcpPacket... packets) {
        ByteBuf buf = Unpooled.buffer(RtcpCompound.encodedLength(List.of(packets)));
        try {
            RtcpCompound.encode(List.of(packets), buf);
            byte[] plain = new byte[buf.readableBytes()];
            buf.readBytes(plain);
            sendProtected(plain, true);
        } finally {
            buf.release();
        }
    }

    /** Sends a datagram as it is, from our socket to the node. */
    public void sendRaw(byte[] datagram) {
        sendTo(datagram, answer.candidate());
    }

    private void sendProtected(byte[] plain, boolean control) {
        SrtpSession session = srtp;
        if (session == null) {
            throw new IllegalStateException(name + ": not connected");
        }
        ByteBuf buf = Unpooled.buffer(plain.length + session.maxOverhead());
        try {
            buf.writeBytes(plain);
            boolean ok;
            synchronized (srtpLock) {
                ok = control ? session.protectRtcp(buf) : session.protectRtp(buf);
            }
            if (!ok) {
                throw new IllegalStateException(name + ": SRTP refused to protect a packet");
            }
            byte[] datagram = new byte[buf.readableBytes()];
            buf.readBytes(datagram);
            sendTo(datagram, answer.candidate());
        } finally {
            buf.release();
        }
    }

    private void sendTo(byte[] datagram, InetSocketAddress to) {
        try {
            channel.send(ByteBuffer.wrap(datagram), to);
        } catch (ClosedChannelException e) {
            // The peer was closed while a pump still ran; what it sends then is of no interest.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One Binding request (RFC 8445 §7.2.2) as the controlling agent, nominating at once (aggressive). */
    public byte[] bindingRequest(String password) {
        byte[] transactionId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(transactionId);
        // RFC 8445 §5.1.2.1: a peer-reflexive candidate's priority (type preference 110, component 1).
        long priority = (110L << 24) + (65535L << 8) + 255;
        StunMessage request = new StunMessage(StunMessage.BINDING_REQUEST, transactionId, List.of(
                new StunAttribute.Username(answer.iceUfrag() + ":" + local.ufrag()),
                new StunAttribute.Priority(priority),
                new StunAttribute.IceControlling(tieBreaker),
                new StunAttribute.UseCandidate()));
        ByteBuf buf = Unpooled.buffer(160);
        try {
            request.encode(buf, password.getBytes(StandardCharsets.UTF_8), true);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    private void sendCheck() {
        if (consentChecks && !closed) {
            sendTo(bindingRequest(answer.icePwd()), answer.candidate());
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (!closed) {
            InetSocketAddress from;
            try {
                buffer.clear();
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                return;
            }
            buffer.flip();
            byte[] datagram = new byte[buffer.remaining()];
            buffer.get(datagram);
            if (from.equals(answer.candidate())) {
                onDatagram(datagram);
            }
        }
    }

    private void onDatagram(byte[] datagram) {
        ByteBuf buf = Unpooled.wrappedBuffer(datagram);
        PacketClass kind = Rfc7983.classify(buf);
        switch (kind) {
            case STUN -> onStun(buf);
            case DTLS -> {
                DtlsEndpoint endpoint = dtls;
                if (endpoint != null) {
                    endpoint.handleInput(datagram);
                }
            }
            case RTP -> onSrtp(datagram, false);
            case RTCP -> onSrtp(datagram, true);
            default -> {
                // Nothing else is expected from the node; the test notices through missing packets.
            }
        }
    }

    private void onStun(ByteBuf buf) {
        StunMessage message;
        try {
            message = StunMessage.decode(buf);
        } catch (MalformedPacketException e) {
            stunErrors.incrementAndGet();
            return;
        }
        if (message.type() == StunMessage.BINDING_SUCCESS
                && StunIntegrity.verifyMessageIntegrity(buf, answer.icePwd().getBytes(StandardCharsets.UTF_8))) {
            stunSuccesses.incrementAndGet();
            if (dtlsStarted.compareAndSet(false, true)) {
                loop.execute(this::startDtls);
            }
        } else {
            stunErrors.incrementAndGet();
        }
    }

    private void startDtls() {
        DtlsRole role = "passive".equals(answer.setup()) ? DtlsRole.CLIENT : DtlsRole.SERVER;
        dtls = new DtlsEndpoint(certificate, role, answer.fingerprint().hashFunction(),
                answer.fingerprint().value(), dtlsExecutor, () -> loop.execute(this::drainDtls), DTLS_MTU);
        dtls.start();
    }

    private void drainDtls() {
        DtlsOutput output;
        while ((output = dtls.pollOutput()) != null) {
            if (output instanceof DtlsOutput.Transmit transmit) {
                sendTo(transmit.datagram(), answer.candidate());
            } else if (output instanceof DtlsOutput.Connected connected) {
                srtp = SrtpSession.create(connected.keys());
            } else if (output instanceof DtlsOutput.Failed failed) {
                dtlsFailure = failed.reason();
            } else if (output instanceof DtlsOutput.Closed) {
                dtlsClosed = true;
            }
        }
    }

    private void onSrtp(byte[] datagram, boolean control) {
        SrtpSession session = srtp;
        if (session == null) {
            // The node may send media as soon as its side of the handshake is done, before our client has
            // processed the final flight; browsers drop such early packets too.
            media.early();
            return;
        }
        ByteBuf buf = Unpooled.buffer(datagram.length);
        try {
            buf.writeBytes(datagram);
            boolean ok;
            synchronized (srtpLock) {
                ok = control ? session.unprotectRtcp(buf) : session.unprotectRtp(buf);
            }
            if (!ok) {
                media.failed(datagram, "failed authentication or replay check");
            } else if (control) {
                media.rtcp(buf);
            } else {
                media.rtp(buf);
            }
        } catch (MalformedPacketException e) {
            media.failed(datagram, "malformed: " + e.getMessage());
        } finally {
            buf.release();
        }
    }

    /** The RTP packets received on {@code ssrc} so far, in arrival order. */
    public List<ReceivedRtp> received(long ssrc) {
        return media.rtp(ssrc);
    }

    /** Every SSRC that RTP arrived on. */
    public List<Long> receivedSsrcs() {
        return media.ssrcs();
    }

    /** The RTCP packets of one type received so far. */
    public <T extends RtcpPacket> List<T> rtcp(Class<T> type) {
        return media.rtcp(type);
    }

    /** DELETEs our resource; returns the status. */
    public int delete() {
        return PeerHttp.delete(resource);
    }

    /** PATCHes a trickle ICE fragment (RFC 8840) naming our own ufrag, which a live session accepts with 204. */
    public int patchTrickle() {
        return PeerHttp.patch(resource, "a=ice-ufrag:" + local.ufrag() + "\r\na=ice-pwd:" + local.pwd()
                + "\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=end-of-candidates\r\n");
    }

    @Override
    public void close() {
        closed = true;
        DtlsEndpoint endpoint = dtls;
        if (endpoint != null) {
            endpoint.close();
        }
        if (loop != null) {
            loop.shutdownNow();
        }
        if (dtlsExecutor != null) {
            dtlsExecutor.shutdownNow();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Closing a UDP socket only fails when it is already gone.
        }
        synchronized (srtpLock) {
            if (srtp != null) {
                srtp.close();
            }
        }
    }

    private static long randomSsrc() {
        return 1 + RANDOM.nextLong(0xfffffffeL);
    }

    private static Thread daemon(Runnable r, String threadName) {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
    }

    public String name() {
        return name;
    }

    public ParsedAnswer answer() {
        return answer;
    }

    public URI resource() {
        return resource;
    }

    public String localUfrag() {
        return local.ufrag();
    }

    /** Our audio stream (publishers). */
    public RtpStreamWriter audio() {
        return audio;
    }

    /** Our video stream (publishers); its RTX SSRC is {@link #videoRtxSsrc()}. */
    public RtpStreamWriter video() {
        return video;
    }

    public long audioSsrc() {
        return audioSsrc;
    }

    public long videoSsrc() {
        return videoSsrc;
    }

    public long videoRtxSsrc() {
        return videoRtxSsrc;
    }

    /** The SSRC we put in the RTCP we send (a viewer has no media SSRC of its own). */
    public long rtcpSsrc() {
        return rtcpSsrc;
    }

    public int stunSuccesses() {
        return stunSuccesses.get();
    }

    /** How many SRTP/SRTCP datagrams arrived before our DTLS client had the keys. */
    public int earlyPackets() {
        return media.earlyCount();
    }

    /** The received SRTP/SRTCP datagrams that could not be unprotected or decoded once keyed, described. */
    public List<String> unprotectFailures() {
        return media.failures();
    }

    @Override
    public String toString() {
        return "TestPeer[" + name + (publisher ? " publisher" : " viewer") + "]";
    }
}
