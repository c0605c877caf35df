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
 * <p>Thread-safe: {@link #offer} and {@link #wake} may be called from any thread; BC calls the rest from the
 * handshake thread.
 */
final class QueueDatagramTransport implements DatagramTransport {
    /** Most datagrams buffered before the handshake thread reads them; later ones are dropped like UDP would. */
    static final int QUEUE_CAPACITY = 128;

    private static final byte[] WAKE = new byte[0];

    private final LinkedBlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Consumer<byte[]> sender;
    private final int sendLimit;
    private final int receiveLimit;
    private volatile boolean abortReceive;
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
}
