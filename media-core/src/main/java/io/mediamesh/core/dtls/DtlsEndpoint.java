package io.mediamesh.core.dtls;

import io.mediamesh.core.srtp.SrtpKeys;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A sans-IO DTLS-SRTP endpoint (RFC 5764, RFC 8842) over Bouncy Castle's blocking DTLS 1.2 engine.
 *
 * <p>BC pulls datagrams and blocks, so the handshake runs as one task on the {@code handshakeExecutor} (never on
 * the caller's thread): {@link #handleInput} queues datagrams for it, and everything it produces is queued as
 * {@link DtlsOutput} for the owner to drain with {@link #pollOutput()}. Each time output is queued,
 * {@code wakeup} runs (on the handshake thread), so a Netty event loop can schedule a drain on itself. After
 * the handshake the same task keeps reading, discarding application data, so that a peer's close_notify turns
 * into {@link DtlsOutput.Closed}; the task ends there, on failure, or on {@link #close()}. Lost flights are
 * retransmitted by BC, driven by the receive timeouts of {@link QueueDatagramTransport}.
 *
 * <p>Thread-safe: every public method may be called from any thread. The executor thread is occupied for the
 * whole life of the connection (BC's record layer needs a reader), so size the executor for the number of
 * concurrent DTLS connections, or treat the post-handshake reader as the price of close_notify detection.
 */
public final class DtlsEndpoint {
    /** How long the post-handshake reader blocks before re-checking for close; bounds the close latency. */
    private static final int READ_POLL_MILLIS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DtlsRole role;
    private final Executor handshakeExecutor;
    private final Runnable wakeup;
    private final QueueDatagramTransport transport;
    private final DtlsPeerState peer;
    private final DtlsServerPeer server;
    private final DtlsClientPeer client;
    private final ConcurrentLinkedQueue<DtlsOutput> outputs = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean closeRequested;
    private volatile boolean handshakeDone;

    /**
     * @param local our certificate (its fingerprint is in our SDP)
     * @param role our role, from SDP a=setup
     * @param remoteFingerprintHashFunction the hash function of the peer's a=fingerprint, e.g. "sha-256"
     * @param remoteFingerprint the peer's fingerprint as hex pairs joined by ':' (any case)
     * @param handshakeExecutor runs the blocking handshake and reader task
     * @param wakeup called (from the handshake thread) whenever new output is queued; must not block
     * @param mtu the largest datagram to send
     * @throws IllegalArgumentException for an unsupported fingerprint hash function or a tiny MTU
     */
    public DtlsEndpoint(DtlsCertificate local, DtlsRole role, String remoteFingerprintHashFunction,
                        String remoteFingerprint, Executor handshakeExecutor, Runnable wakeup, int mtu) {
        this(local, role, remoteFingerprintHashFunction, remoteFingerprint, handshakeExecutor, wakeup, mtu,
                DtlsParameters.DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    DtlsEndpoint(DtlsCertificate local, DtlsRole role, String remoteFingerprintHashFunction,
                 String remoteFingerprint, Executor handshakeExecutor, Runnable wakeup, int mtu,
                 int handshakeTimeoutMillis) {
        Objects.requireNonNull(local, "local");
        this.role = Objects.requireNonNull(role, "role");
        this.handshakeExecutor = Objects.requireNonNull(handshakeExecutor, "handshakeExecutor");
        this.wakeup = Objects.requireNonNull(wakeup, "wakeup");
        Objects.requireNonNull(remoteFingerprint, "remoteFingerprint");
        if (mtu < 256) {
            throw new IllegalArgumentException("MTU too small for DTLS: " + mtu);
        }
        RemoteFingerprintVerifier verifier =
                new RemoteFingerprintVerifier(remoteFingerprintHashFunction, remoteFingerprint);
        this.transport = new QueueDatagramTransport(this::transmit, mtu);
        BcTlsCrypto crypto = new BcTlsCrypto(RANDOM);
        if (role == DtlsRole.SERVER) {
            this.server = new DtlsServerPeer(crypto, local, verifier, handshakeTimeoutMillis);
            this.client = null;
            this.peer = server;
        } else {
            this.client = new DtlsClientPeer(crypto, local, verifier, handshakeTimeoutMillis);
            this.server = null;
            this.peer = client;
        }
    }

    /**
     * Submits the handshake to the executor. As client we send the ClientHello at once; as server we wait for
     * the peer's (datagrams queued by {@link #handleInput} before start are kept).
     *
     * If the executor rejects the task, {@link DtlsOutput.Failed} is queued instead.
     *
     * @throws IllegalStateException if called twice
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("DTLS endpoint already started");
        }
        try {
            handshakeExecutor.execute(this::run);
        } catch (RejectedExecutionException e) {
            transport.close();
            finish(new DtlsOutput.Failed("DTLS handshake executor rejected the task: " + e.getMessage()));
        }
    }

    /**
     * Queues one received datagram (one or more DTLS records, RFC 7983 first byte 20-63). Thread-safe, never
     * blocks; dropped when the queue is full or the endpoint is finished, as UDP would.
     *
     * @param datagram takes ownership: the caller must not modify it afterwards
     */
    public void handleInput(byte[] datagram) {
        if (!finished.get()) {
            transport.offer(datagram);
        }
    }

    /** The next output, or null when there is none right now. Thread-safe. */
    public DtlsOutput pollOutput() {
        return outputs.poll();
    }

    /** Our role in the handshake. */
    public DtlsRole role() {
        return role;
    }

    /**
     * Stops the endpoint: an unfinished handshake is aborted, an established connection sends close_notify.
     * The handshake task then queues {@link DtlsOutput.Closed} and ends. Thread-safe and idempotent.
     */
    public void close() {
        closeRequested = true;
        if (!started.get()) {
            finish(new DtlsOutput.Closed());
            transport.close();
            return;
        }
        // Abort a handshake in progress; an established connection instead gets its reader woken, so it can
        // send close_notify rather than failing the record layer with internal_error.
        transport.wake(!handshakeDone);
    }

    private void run() {
        DTLSTransport dtls = null;
        try {
            dtls = handshake();
            handshakeDone = true;
            if (!peer.peerVerified()) {
                throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer certificate was not verified");
            }
            SrtpKeys keys = peer.exportSrtpKeys();
            if (closeRequested) {
                dtls.close();
                finish(new DtlsOutput.Closed());
                return;
            }
            emit(new DtlsOutput.Connected(keys));
            readUntilClosed(dtls);
        } catch (IOException | RuntimeException e) {
            if (closeRequested || peer.closeNotifyReceived()) {
                closeQuietly(dtls);
                finish(new DtlsOutput.Closed());
            } else {
                finish(new DtlsOutput.Failed(describe(e)));
            }
        } finally {
            transport.close();
        }
    }

    private DTLSTransport handshake() throws IOException {
        if (role == DtlsRole.SERVER) {
            DTLSServerProtocol protocol = new DTLSServerProtocol();
            // ICE connectivity checks already proved the peer owns its address, so the cookie exchange
            // (RFC 6347 §4.2.1) would only cost a round trip.
            protocol.setVerifyRequests(false);
            return protocol.accept(server, transport);
        }
        return new DTLSClientProtocol().connect(client, transport);
    }

    /**
     * Keeps the record layer running after the handshake so alerts are processed. Application data (e.g. SCTP
     * for data channels) is discarded: MediaMesh does not terminate data channels here.
     */
    private void readUntilClosed(DTLSTransport dtls) throws IOException {
        byte[] buffer = new byte[dtls.getReceiveLimit()];
        while (!closeRequested && !peer.closeNotifyReceived()) {
            dtls.receive(buffer, 0, buffer.length, READ_POLL_MILLIS);
        }
        if (closeRequested) {
            dtls.close();
        }
        finish(new DtlsOutput.Closed());
    }

    private String describe(Exception e) {
        String alert = peer.lastAlert();
        if (e instanceof TlsTimeoutException) {
            return "DTLS handshake timed out";
        }
        if (e instanceof TlsFatalAlertReceived received) {
            return "peer sent fatal alert " + AlertDescription.getText(received.getAlertDescription());
        }
        if (e instanceof TlsFatalAlert fatal) {
            return "DTLS failed: " + AlertDescription.getText(fatal.getAlertDescription())
                    + (fatal.getMessage() == null ? "" : " (" + fatal.getMessage() + ")");
        }
        return "DTLS failed: " + e + (alert == null ? "" : "; " + alert);
    }

    private static void closeQuietly(DTLSTransport dtls) {
        if (dtls == null) {
            return;
        }
        try {
            dtls.close();
        } catch (IOException | RuntimeException e) {
            // Closing is best effort: the connection is going away either way.
        }
    }

    /** Queues a datagram BC sent, unless a terminal output was already queued (nothing may follow it). */
    private void transmit(byte[] datagram) {
        if (!finished.get()) {
            emit(new DtlsOutput.Transmit(datagram));
        }
    }

    /** Queues the terminal output once. */
    private void finish(DtlsOutput terminal) {
        if (finished.compareAndSet(false, true)) {
            emit(terminal);
        }
    }

    private void emit(DtlsOutput output) {
        outputs.add(output);
        try {
            wakeup.run();
        } catch (RuntimeException e) {
            // The owner's wake-up hook failing must not kill the handshake; the output stays queued.
        }
    }
}
