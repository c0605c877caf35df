package io.mediamesh.node.session;

import io.mediamesh.core.dtls.DtlsEndpoint;
import io.mediamesh.core.dtls.DtlsOutput;
import io.mediamesh.core.dtls.DtlsRole;
import io.mediamesh.core.ice.BindingOutcome;
import io.mediamesh.core.ice.IceCredentials;
import io.mediamesh.core.ice.IceLiteAgent;
import io.mediamesh.core.ice.IceState;
import io.mediamesh.core.sdp.NegotiationResult;
import io.mediamesh.core.sdp.RemoteTransport;
import io.mediamesh.core.srtp.SrtpSession;
import io.mediamesh.proto.MalformedPacketException;
import io.mediamesh.proto.demux.PacketClass;
import io.mediamesh.proto.rtcp.RtcpCompound;
import io.mediamesh.proto.rtcp.RtcpDecoder;
import io.mediamesh.proto.rtcp.RtcpPacket;
import io.mediamesh.proto.stun.StunIntegrity;
import io.mediamesh.proto.stun.StunMessage;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC peer connection on the shared UDP port: ICE-lite, then DTLS (we are the server, {@code a=setup:passive}),
 * then SRTP both ways; what the media means is its {@link SessionRole}'s business.
 *
 * <p>Threading: owned by the UDP event loop. The DTLS handshake runs on its own executor and wakes the loop up to
 * drain its output. A failure of one session (bad DTLS, SRTP errors, a bug in its role) closes that session only.
 */
public final class WebRtcSession {
    private static final Logger log = LoggerFactory.getLogger(WebRtcSession.class);
    private static final int DTLS_MTU = 1200;
    private static final int RTCP_BUFFER = 1500;

    private final String id;
    private final String label;
    private final String room;
    private final String peer;
    private Runnable onClosed = () -> { };
    private final IceLiteAgent ice;
    private final RemoteTransport remoteTransport;
    private final SessionEnvironment env;
    private final SessionTable table;
    private SessionRole role;
    private DtlsEndpoint dtls;
    private SrtpSession srtp;
    private InetSocketAddress remote;
    private boolean closed;
    private String closeReason;

    public WebRtcSession(String id, String kind, String room, String peer, IceCredentials localIce,
            NegotiationResult negotiation, SessionEnvironment env, SessionTable table, long nowMicros) {
        this.id = id;
        this.room = room;
        this.peer = peer;
        this.label = kind + " " + room + "/" + peer;
        this.remoteTransport = negotiation.remote();
        this.ice = new IceLiteAgent(localIce, remoteTransport.iceUfrag(), env.iceConfig(), nowMicros);
        this.env = env;
        this.table = table;
    }

    public void start(SessionRole sessionRole) {
        this.role = sessionRole;
        table.add(this);
    }

    void onBindingRequest(StunMessage request, ByteBuf raw, InetSocketAddress from, long nowMicros) {
        boolean integrity = StunIntegrity.verifyMessageIntegrity(raw, ice.localCredentials().integrityKey());
        BindingOutcome outcome = ice.handleBindingRequest(request, integrity, from, nowMicros);
        ByteBuf response = env.allocator().heapBuffer(256);
        outcome.response().encode(response, outcome.integrityKey(), true);
        env.sender().send(response, from);
        if (!integrity) {
            env.metrics().dropped("stun-integrity");
        }
        if (outcome.selected() != null) {
            InetSocketAddress previous = remote;
            remote = outcome.selected();
            table.bindAddress(this, previous, remote);
            if (dtls == null) {
                startDtls();
            }
        }
    }

    private void startDtls() {
        dtls = new DtlsEndpoint(env.certificate(), DtlsRole.SERVER, remoteTransport.fingerprintHashFunction(),
                remoteTransport.fingerprint(), env.dtlsExecutor(), () -> env.loop().execute(this::drainDtls),
                DTLS_MTU);
        try {
            dtls.start();
        } catch (RejectedExecutionException e) {
            close("too many concurrent DTLS handshakes");
        }
    }

    /** Drains the DTLS engine's output on the event loop. */
    private void drainDtls() {
        if (closed || dtls == null) {
            return;
        }
        DtlsOutput output;
        while ((output = dtls.pollOutput()) != null) {
            if (output instanceof DtlsOutput.Transmit transmit) {
                if (remote != null) {
                    env.sender().send(env.allocator().heapBuffer(transmit.datagram().length)
                            .writeBytes(transmit.datagram()), remote);
                }
            } else if (output instanceof DtlsOutput.Connected connected) {
                srtp = SrtpSession.create(connected.keys());
                log.info("{} {}: DTLS-SRTP up ({}) with {}", label, id, connected.keys().profile(), remote);
                guard(() -> role.onConnected(env.nowMicros()));
            } else if (output instanceof DtlsOutput.Failed failed) {
                close("DTLS failed: " + failed.reason());
                break;
            } else if (output instanceof DtlsOutput.Closed) {
                close("peer closed DTLS");
                break;
            }
        }
        env.sender().flush();
    }

    void onDatagram(PacketClass kind, ByteBuf data, long nowMicros) {
        if (closed) {
            return;
        }
        switch (kind) {
            case DTLS -> {
                if (dtls != null) {
                    byte[] record = new byte[data.readableBytes()];
                    data.getBytes(data.readerIndex(), record);
                    dtls.handleInput(record);
                }
            }
            case RTP -> onSrtp(data, nowMicros);
            case RTCP -> onSrtcp(data, nowMicros);
            default -> env.metrics().dropped("unknown-class");
        }
    }

    private void onSrtp(ByteBuf data, long nowMicros) {
        if (srtp == null) {
            env.metrics().dropped("srtp-before-keys");
            return;
        }
        ByteBuf packet = copyToHeap(data);
        try {
            if (!srtp.unprotectRtp(packet)) {
                env.metrics().dropped("srtp-rtp-auth");
                return;
            }
            env.metrics().rtpIn();
            role.onRtp(packet, nowMicros);
        } catch (MalformedPacketException e) {
            env.metrics().dropped("malformed-rtp");
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            packet.release();
        }
    }

    private void onSrtcp(ByteBuf data, long nowMicros) {
        if (srtp == null) {
            env.metrics().dropped("srtp-before-keys");
            return;
        }
        ByteBuf packet = copyToHeap(data);
        try {
            if (!srtp.unprotectRtcp(packet)) {
                env.metrics().dropped("srtp-rtcp-auth");
                return;
            }
            env.metrics().rtcpIn();
            List<RtcpPacket> packets = RtcpDecoder.decodeCompound(packet);
            role.onRtcp(packets, nowMicros);
        } catch (MalformedPacketException e) {
            env.metrics().dropped("malformed-rtcp");
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            packet.release();
        }
    }

    private ByteBuf copyToHeap(ByteBuf data) {
        ByteBuf heap = env.allocator().heapBuffer(data.readableBytes() + 32);
        heap.writeBytes(data, data.readerIndex(), data.readableBytes());
        return heap;
    }

    /** Protects and sends one RTP packet to the peer; takes ownership of {@code plain}. */
    public void sendRtp(ByteBuf plain) {
        if (srtp == null || remote == null || closed) {
            plain.release();
            return;
        }
        if (plain.writableBytes() < srtp.maxOverhead()) {
            plain.ensureWritable(srtp.maxOverhead());
        }
        if (!srtp.protectRtp(plain)) {
            plain.release();
            env.metrics().dropped("srtp-protect");
            return;
        }
        env.metrics().rtpOut();
        env.sender().send(plain, remote);
    }

    /** Encodes, protects and sends one compound RTCP packet to the peer. */
    public void sendRtcp(List<? extends RtcpPacket> packets) {
        if (srtp == null || remote == null || closed || packets.isEmpty()) {
            return;
        }
        ByteBuf buf = env.allocator().heapBuffer(RTCP_BUFFER);
        RtcpCompound.encode(packets, buf);
        buf.ensureWritable(srtp.maxOverhead());
        if (!srtp.protectRtcp(buf)) {
            buf.release();
            env.metrics().dropped("srtcp-protect");
            return;
        }
        env.metrics().rtcpOut();
        env.sender().send(buf, remote);
    }

    void onTick(long nowMicros) {
        if (closed) {
            return;
        }
        if (ice.handleTimeout(nowMicros) == IceState.CLOSED) {
            close(remote == null ? "ICE did not connect in time" : "consent expired (no STUN checks)");
            return;
        }
        if (srtp != null) {
            guard(() -> role.onTick(nowMicros));
        }
    }

    private void guard(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Closes this session after a bug surfaced while handling it, logging the cause; other sessions go on. */
    public void fail(RuntimeException e) {
        log.error("{} {}: closing after an internal error", label, id, e);
        close("internal error: " + e);
    }

    /** Closes the session and frees everything it holds; idempotent. Event loop only. */
    public void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        closeReason = reason;
        log.info("{} {} closed: {}", label, id, reason);
        ice.close();
        if (dtls != null) {
            dtls.close();
        }
        try {
            if (role != null) {
                role.onClose();
            }
        } finally {
            table.remove(this);
            onClosed.run();
            if (srtp != null) {
                srtp.close();
            }
            env.sender().flush();
        }
    }

    public String id() {
        return id;
    }

    /** Runs {@code action} once when the session closes (after its role left the room). */
    public void onClosed(Runnable action) {
        this.onClosed = action;
    }

    public String room() {
        return room;
    }

    public String peer() {
        return peer;
    }

    public String remoteIceUfrag() {
        return remoteTransport.iceUfrag();
    }

    public String label() {
        return label;
    }

    public String localUfrag() {
        return ice.localCredentials().ufrag();
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    public boolean isClosed() {
        return closed;
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isConnected() {
        return srtp != null && !closed;
    }

    public SessionEnvironment environment() {
        return env;
    }

    /** The SRTP tag room to reserve after packets built for this session. */
    public int protectionOverhead() {
        return srtp == null ? 16 : srtp.maxOverhead();
    }

    /** The session's role (publisher or viewer), or null before it is set. Event loop only. */
    /** Our ICE credentials: a renegotiation answers with the same ones (no ICE restart). */
    public IceCredentials localIce() {
        return ice.localCredentials();
    }

    /**
     * Applies the answer to a new offer on this live session (SDK renegotiation, RFC 8829 §5.3): the transport goes
     * on as it is and the role learns the new m-lines.
     *
     * @throws io.mediamesh.core.sdp.NegotiationException when the offer changes the transport: a new ICE ufrag (an
     *         ICE restart, which this server does not do: the client reconnects instead) or a new DTLS fingerprint
     */
    public void renegotiated(NegotiationResult negotiation, java.util.Map<String, String> names, long nowMicros) {
        RemoteTransport offered = negotiation.remote();
        if (!offered.iceUfrag().equals(remoteTransport.iceUfrag())) {
            throw new io.mediamesh.core.sdp.NegotiationException("the offer restarts ICE (new ice-ufrag "
                    + offered.iceUfrag() + "); ICE restart is not supported: open a new session instead");
        }
        if (!offered.fingerprint().equalsIgnoreCase(remoteTransport.fingerprint())) {
            throw new io.mediamesh.core.sdp.NegotiationException(
                    "the offer changes the DTLS fingerprint; a new certificate needs a new session");
        }
        role.renegotiated(negotiation.media(), names, nowMicros);
    }

    public SessionRole role() {
        return role;
    }
}
