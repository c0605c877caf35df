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
 * <p>BC pulls datagrams and blocks, so the handshake runs as one task on the {@code executor} (never on the
 * caller's thread): {@link #handleInput} queues datagrams for it, and everything it produces is queued as
 * {@link DtlsOutput} for the owner to drain with {@link #pollOutput()}. Each time output is queued,
 * {@code wakeup} runs, so a Netty event loop can schedule a drain on itself. Lost flights are retransmitted by
 * BC, driven by the receive timeouts of {@link QueueDatagramTransport}.
 *
 * <p>The handshake task ends as soon as {@link DtlsOutput.Connected} is queued, and its thread goes back to the
 * pool: an established connection holds no thread. The record layer ({@code DTLSTransport}) is kept, and each
 * later datagram schedules a short drain task that feeds it the queued records without ever blocking. The drain
 * discards application data (MediaMesh does not terminate data channels here), lets BC answer a peer that
 * retransmits its last handshake flight because our final flight was lost (RFC 6347 §4.2.4), and turns the
 * peer's close_notify into {@link DtlsOutput.Closed} or a fatal alert into {@link DtlsOutput.Failed}.
 * Datagrams holding an encrypted record that no valid record could match under the negotiated suite are dropped
 * first ({@link CiphertextShape}), since BC would answer them with a fatal alert (RFC 6347 §4.1.2.7).
 * {@link #close()} after the handshake schedules a task that sends our close_notify. These post-handshake tasks
 * run one at a time per endpoint ({@link SerialTaskQueue}), because BC's record layer is not thread-safe, so
 * thousands of idle connections can share a small executor.
 *
 * <p>Thread-safe: every public method may be called from any thread. If the executor rejects a task, the
 * endpoint fails with {@link DtlsOutput.Failed}; the executor needs one thread per concurrent handshake, plus
 * capacity for the short post-handshake tasks (a work queue is better than rejection for those).
 */
public final class DtlsEndpoint {
    /**
     * The wait passed to BC's receive after the handshake. It never elapses in practice, since the transport
     * throws as soon as its queue is empty; it must not be 0, which BC reads as "wait forever".
     */
    private static final int DRAIN_WAIT_MILLIS = 1;
    /** Most receive calls one drain makes before it yields the thread; a busy peer gets another drain. */
    private static final int MAX_RECEIVES_PER_DRAIN = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DtlsRole role;
    private final Executor executor;
    private final Runnable wakeup;
    private final QueueDatagramTransport transport;
    private final DtlsPeerState peer;
    private final DtlsServerPeer server;
    private final DtlsClientPeer client;
    private final SerialTaskQueue connectionTasks;
    private final ConcurrentLinkedQueue<DtlsOutput> outputs = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean closeRequested;
    private volatile boolean handshakeDone;
    /** The established record layer; written before {@link #handshakeDone}, used only by connection tasks. */
    private volatile DTLSTransport dtls;
    /** Scratch for discarded application data; used only by connection tasks. */
    private byte[] scratch;

    /**
     * @param local our certificate (its fingerprint is in our SDP)
     * @param role our role, from SDP a=setup
     * @param remoteFingerprintHashFunction the hash function of the peer's a=fingerprint, e.g. "sha-256"
     * @param remoteFingerprint the peer's fingerprint as hex pairs joined by ':' (any case)
     * @param executor runs the blocking handshake task, then the short post-handshake tasks; may be shared
     * @param wakeup called whenever new output is queued, usually from an executor thread (from the calling
     *     thread when the executor rejects a task); must not block
     * @param mtu the largest datagram to send
     * @throws IllegalArgumentException for an unsupported fingerprint hash function or a tiny MTU
     */
    public DtlsEndpoint(DtlsCertificate local, DtlsRole role, String remoteFingerprintHashFunction,
                        String remoteFingerprint, Executor executor, Runnable wakeup, int mtu) {
        this(local, role, remoteFingerprintHashFunction, remoteFingerprint, executor, wakeup, mtu,
                DtlsParameters.DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    DtlsEndpoint(DtlsCertificate local, DtlsRole role, String remoteFingerprintHashFunction,
                 String remoteFingerprint, Executor executor, Runnable wakeup, int mtu,
                 int handshakeTimeoutMillis) {
        Objects.requireNonNull(local, "local");
        this.role = Objects.requireNonNull(role, "role");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.wakeup = Objects.requireNonNull(wakeup, "wakeup");
        Objects.requireNonNull(remoteFingerprint, "remoteFingerprint");
        if (mtu < 256) {
            throw new IllegalArgumentException("MTU too small for DTLS: " + mtu);
        }
        RemoteFingerprintVerifier verifier =
                new RemoteFingerprintVerifier(remoteFingerprintHashFunction, remoteFingerprint);
        this.transport = new QueueDatagramTransport(this::transmit, mtu);
        this.connectionTasks = new SerialTaskQueue(executor, this::rejected);
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
     * <p>If the executor rejects the task, {@link DtlsOutput.Failed} is queued instead.
     *
     * @throws IllegalStateException if called twice
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("DTLS endpoint already started");
        }
        try {
            executor.execute(this::runHandshake);
        } catch (RejectedExecutionException e) {
            rejected(e);
        }
    }

    /**
     * Queues one received datagram (one or more DTLS records, RFC 7983 first byte 20-63). Thread-safe, never
     * blocks; dropped when the queue is full or the endpoint is finished, as UDP would. After the handshake it
     * schedules a drain task on the executor.
     *
     * @param datagram takes ownership: the caller must not modify it afterwards
     */
    public void handleInput(byte[] datagram) {
        if (finished.get()) {
            return;
        }
        transport.offer(datagram);
        // Read after the offer: if the handshake task sets the flag after this read, it sees the datagram
        // queued and schedules the drain itself.
        if (handshakeDone) {
            scheduleDrain();
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
     * Stops the endpoint: an unfinished handshake is aborted, an established connection sends close_notify
     * (from a task on the executor). Then {@link DtlsOutput.Closed} is queued. Thread-safe and idempotent.
     */
    public void close() {
        closeRequested = true;
        if (!started.get()) {
            finish(new DtlsOutput.Closed());
            transport.close();
            return;
        }
        if (finished.get()) {
            return;
        }
        if (handshakeDone) {
            connectionTasks.submit(this::closeConnection);
        } else {
            // Abort the handshake in progress. If it is completing right now, the handshake task sees
            // closeRequested after publishing handshakeDone and schedules the close_notify itself.
            transport.wake(true);
        }
    }

    /** The handshake task: blocks on BC until the handshake succeeds or fails, then returns its thread. */
    private void runHandshake() {
        DTLSTransport established = null;
        try {
            established = handshake();
            if (!peer.peerVerified()) {
                throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer certificate was not verified");
            }
            SrtpKeys keys = peer.exportSrtpKeys();
            transport.enterDrainMode(peer.ciphertextShape());
            scratch = new byte[established.getReceiveLimit()];
            dtls = established;
            if (!closeRequested) {
                emit(new DtlsOutput.Connected(keys));
            }
        } catch (IOException | RuntimeException e) {
            if (closeRequested || peer.closeNotifyReceived()) {
                closeQuietly(established);
                finish(new DtlsOutput.Closed());
            } else {
                finish(new DtlsOutput.Failed(describe(e)));
            }
            transport.close();
            return;
        }
        // From here on this task no longer touches BC: the record layer belongs to the connection tasks.
        handshakeDone = true;
        if (closeRequested) {
            connectionTasks.submit(this::closeConnection);
        } else if (transport.hasQueued()) {
            // Datagrams that arrived after BC's last read (e.g. a retransmitted flight) would otherwise wait
            // for the next one.
            scheduleDrain();
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

    /** Schedules one drain unless one is already scheduled and has not started reading yet. */
    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            connectionTasks.submit(this::drain);
        }
    }

    /**
     * Connection task: feeds every queued datagram to the record layer. BC processes alerts and retransmitted
     * handshake records inside receive; application data comes back and is discarded.
     */
    private void drain() {
        // Cleared before reading, so a datagram queued from now on schedules another drain.
        drainScheduled.set(false);
        if (finished.get()) {
            return;
        }
        try {
            for (int i = 0; i < MAX_RECEIVES_PER_DRAIN; i++) {
                dtls.receive(scratch, 0, scratch.length, DRAIN_WAIT_MILLIS);
                if (peer.closeNotifyReceived()) {
                    break;
                }
            }
            if (!peer.closeNotifyReceived()) {
                // The batch was used up with datagrams still queued: continue in a fresh task.
                scheduleDrain();
                return;
            }
        } catch (QueueDatagramTransport.Drained e) {
            // Everything queued has been read.
        } catch (IOException | RuntimeException e) {
            if (peer.closeNotifyReceived()) {
                finish(new DtlsOutput.Closed());
            } else {
                finish(new DtlsOutput.Failed(describe(e)));
            }
            transport.close();
            return;
        }
        if (peer.closeNotifyReceived()) {
            // BC has already answered with our close_notify (RFC 5246 §7.2.1).
            finish(new DtlsOutput.Closed());
            transport.close();
        }
    }

    /** Connection task: sends close_notify on an established connection. */
    private void closeConnection() {
        if (finished.get()) {
            return;
        }
        closeQuietly(dtls);
        finish(new DtlsOutput.Closed());
        transport.close();
    }

    /** The executor refused the handshake or a connection task: the endpoint cannot go on. */
    private void rejected(RejectedExecutionException e) {
        finish(new DtlsOutput.Failed("DTLS executor rejected a task: " + e.getMessage()));
        transport.close();
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
            // The owner's wake-up hook failing must not kill the task; the output stays queued.
        }
    }
}
