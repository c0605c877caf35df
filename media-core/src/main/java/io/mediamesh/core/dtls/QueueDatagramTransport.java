package io.mediamesh.core.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The bridge between Bouncy Castle's pulling, blocking DTLS engine and our pushed datagrams (the pattern of
 * jitsi's DatagramTransportImpl). The owner thread pushes received datagrams with {@link #offer(byte[])}; the
 * handshake thread pulls them through {@link #receive(byte[], int, int, int)}, which honours BC's wait time so
 * that BC's retransmission timers fire when a flight is lost (RFC 6347 §4.2.4). Sent records go to a callback.
 *
 * <p>After the handshake, {@link #enterDrainMode()} makes {@link #receive} non-blocking: it hands out what is
 * queued and then throws {@link Drained}. BC's {@code DTLSTransport.receive} passes an
 * {@link InterruptedIOException} through without failing the connection, so the post-handshake drain task
 * learns "nothing more queued" at once instead of parking its thread for BC's wait time.
 *
 * <p>Thread-safe: {@link #offer}, {@link #wake} and {@link #hasQueued} may be called from any thread; BC calls
 * the rest from the one task that currently owns the DTLS connection.
 */
final class QueueDatagramTransport implements DatagramTransport {
    /** Most datagrams buffered before the handshake thread reads them; later ones are dropped like UDP would. */
    static final int QUEUE_CAPACITY = 128;

    private static final byte[] WAKE = new byte[0];
    private static final int RECORD_HEADER_LENGTH = 13;

    private final LinkedBlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Consumer<byte[]> sender;
    private final int sendLimit;
    private final int receiveLimit;
    private final Drained drained = new Drained();
    private volatile boolean abortReceive;
    private volatile boolean drainMode;
    private volatile CiphertextShape ciphertextShape = CiphertextShape.ANY;
    private volatile boolean closed;

    /**
     * @param sender receives a fresh copy of every datagram BC sends
     * @param mtu the largest datagram we may send (UDP payload bytes)
     */
    QueueDatagramTransport(Consumer<byte[]> sender, int mtu) {
        this.sender = sender;
        this.sendLimit = mtu;
        // Peers pick their own record sizes; accept anything a 1500-byte Ethernet path can carry.
        this.receiveLimit = Math.max(mtu, 1500);
    }

    /** Queues a datagram from the peer; drops it if the queue is full or the transport closed. */
    void offer(byte[] datagram) {
        if (!closed && datagram.length > 0) {
            incoming.offer(datagram);
        }
    }

    /** True when a datagram from the peer is waiting to be read. */
    boolean hasQueued() {
        for (byte[] datagram : incoming) {
            if (datagram != WAKE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Switches to post-handshake reading: from now on {@link #receive} never blocks and ignores
     * {@link #wake(boolean) aborts}, because aborting would make BC fail an established connection with
     * internal_error instead of letting the owner close it with close_notify. It also drops datagrams holding
     * an encrypted record that cannot fit {@code shape}, which BC would otherwise treat as fatal.
     */
    void enterDrainMode(CiphertextShape shape) {
        ciphertextShape = shape;
        drainMode = true;
    }

    /**
     * Wakes a blocked {@link #receive}. With {@code abort} set, that and every later receive throws, which is how
     * a handshake in progress is cancelled; without it, receive just returns early as if it timed out.
     */
    void wake(boolean abort) {
        if (abort) {
            abortReceive = true;
        }
        // The wake marker must get in even when the queue is full of peer datagrams.
        while (!incoming.offer(WAKE)) {
            incoming.poll();
        }
    }

    @Override
    public int getReceiveLimit() {
        return receiveLimit;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (drainMode) {
            return receiveQueued(buf, off, len);
        }
        if (abortReceive) {
            throw new IOException("DTLS transport closed by its owner");
        }
        byte[] datagram;
        try {
            datagram = incoming.poll(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
        }
        if (datagram == null || datagram == WAKE) {
            if (abortReceive) {
                throw new IOException("DTLS transport closed by its owner");
            }
            return -1;
        }
        int length = Math.min(datagram.length, len);
        System.arraycopy(datagram, 0, buf, off, length);
        return length;
    }

    /**
     * Drain mode: copies the next queued datagram, skipping wake markers and malformed datagrams, or throws
     * {@link Drained}.
     */
    private int receiveQueued(byte[] buf, int off, int len) throws Drained {
        byte[] datagram;
        do {
            datagram = incoming.poll();
        } while (datagram == WAKE || datagram != null && !encryptedRecordsFit(datagram));
        if (datagram == null) {
            throw drained;
        }
        int length = Math.min(datagram.length, len);
        System.arraycopy(datagram, 0, buf, off, length);
        return length;
    }

    /**
     * Walks the DTLS record headers (RFC 6347 §4.1: type, version, epoch at offset 3, sequence number, length at
     * offset 11) and checks every record past epoch 0 against the negotiated ciphertext shape. A truncated last
     * record is left to BC, which ignores it.
     */
    private boolean encryptedRecordsFit(byte[] datagram) {
        CiphertextShape shape = ciphertextShape;
        int offset = 0;
        while (offset + RECORD_HEADER_LENGTH <= datagram.length) {
            int epoch = ((datagram[offset + 3] & 0xFF) << 8) | (datagram[offset + 4] & 0xFF);
            int length = ((datagram[offset + 11] & 0xFF) << 8) | (datagram[offset + 12] & 0xFF);
            if (epoch != 0 && !shape.fits(length)) {
                return false;
            }
            offset += RECORD_HEADER_LENGTH + length;
        }
        return true;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        if (len > sendLimit) {
            throw new IOException("DTLS datagram of " + len + " bytes exceeds the send limit " + sendLimit);
        }
        byte[] datagram = new byte[len];
        System.arraycopy(buf, off, datagram, 0, len);
        sender.accept(datagram);
    }

    /** Called by BC when the DTLS connection is finished; later sends fail and offered datagrams are dropped. */
    @Override
    public void close() {
        closed = true;
        incoming.clear();
    }

    /**
     * Thrown by {@link #receive} in drain mode when no datagram is queued. It is an {@link InterruptedIOException}
     * (but not a {@code SocketTimeoutException}, which BC would swallow and retry) so that BC hands it back
     * without failing the record layer. One instance per transport, without a stack trace: it is control flow.
     */
    static final class Drained extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Drained() {
            super("no queued DTLS datagram");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
