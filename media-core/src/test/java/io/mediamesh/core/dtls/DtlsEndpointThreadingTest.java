package io.mediamesh.core.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An established DTLS connection must not hold an executor thread: the handshake task ends at Connected, and
 * later records (alerts, retransmitted flights, application data) are handled by short tasks.
 */
@Timeout(60)
class DtlsEndpointThreadingTest {
    private static final int RECORD_CHANGE_CIPHER_SPEC = 20;
    private static final int RECORD_HANDSHAKE = 22;
    private static final int RECORD_APPLICATION_DATA = 23;

    /** At most two tasks at once, the third is rejected: room for one handshake pair and nothing else. */
    private final TaskLimitExecutor pool = new TaskLimitExecutor(2);

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.close();
    }

    @Test
    void handshakeThreadsReturnToThePoolAfterConnected() throws Exception {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try (DtlsLink link = new DtlsLink(executor).build()) {
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                    && DtlsLink.connected(link.serverEvents), 5000)).as(link::describe).isTrue();
            assertThat(awaitIdle(executor)).as("active executor threads after Connected").isZero();

            link.client.close();
            assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.clientEvents)
                    && DtlsLink.terminal(link.serverEvents), 5000)).as(link::describe).isTrue();
            assertThat(link.clientEvents).containsExactly(DtlsLink.connectedEvent(link.clientEvents),
                    new DtlsOutput.Closed());
            assertThat(link.serverEvents).containsExactly(DtlsLink.connectedEvent(link.serverEvents),
                    new DtlsOutput.Closed());
            assertThat(awaitIdle(executor)).isZero();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void twentyOpenConnectionsShareTwoThreads() throws Exception {
        List<DtlsLink> links = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                DtlsLink link = new DtlsLink(pool).build();
                links.add(link);
                link.start();
                assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                        && DtlsLink.connected(link.serverEvents), 10_000)).as("link " + i + ": " + link.describe())
                        .isTrue();
                // Both slots must be free again before the next pair of handshakes can be accepted.
                assertThat(pool.awaitIdle()).as("tasks still running after link " + i).isZero();
            }
            assertThat(pool.mostRunning()).isLessThanOrEqualTo(2);

            // The peer's close_notify still reaches connections whose handshake threads are long gone, whichever
            // side closes.
            for (int i : new int[] {0, 9, 19}) {
                DtlsLink link = links.get(i);
                (i == 9 ? link.server : link.client).close();
                assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.clientEvents)
                        && DtlsLink.terminal(link.serverEvents), 5000)).as("link " + i + ": " + link.describe())
                        .isTrue();
                assertThat(link.clientEvents).last().isEqualTo(new DtlsOutput.Closed());
                assertThat(link.serverEvents).last().isEqualTo(new DtlsOutput.Closed());
                assertThat(pool.awaitIdle()).isZero();
            }
            assertThat(pool.rejected()).isZero();
            for (int i = 0; i < links.size(); i++) {
                if (i != 0 && i != 9 && i != 19) {
                    DtlsLink link = links.get(i);
                    link.pumpUntil(() -> false, 10);
                    assertThat(link.clientEvents).as("link " + i).hasSize(1)
                            .allMatch(DtlsOutput.Connected.class::isInstance);
                    assertThat(link.serverEvents).as("link " + i).hasSize(1)
                            .allMatch(DtlsOutput.Connected.class::isInstance);
                }
            }
        } finally {
            for (DtlsLink link : links) {
                link.close();
            }
        }
    }

    @Test
    void retransmittedFinalFlightIsAnsweredAfterConnected() throws Exception {
        AtomicBoolean droppedChangeCipherSpec = new AtomicBoolean();
        AtomicBoolean droppedFinished = new AtomicBoolean();
        AtomicInteger serverFinishedSent = new AtomicInteger();
        AtomicBoolean resentAfterConnected = new AtomicBoolean();
        try (DtlsLink link = new DtlsLink(pool).build()) {
            // Lose the server's last flight (ChangeCipherSpec + Finished) once: the server considers the
            // handshake done, the client retransmits its flight, and the server must answer from the record layer.
            link.drop = (side, index, datagram) -> {
                if (side != DtlsRole.SERVER) {
                    return false;
                }
                if (datagram[0] == RECORD_CHANGE_CIPHER_SPEC) {
                    return droppedChangeCipherSpec.compareAndSet(false, true);
                }
                if (datagram[0] == RECORD_HANDSHAKE && epoch(datagram) == 1) {
                    if (serverFinishedSent.incrementAndGet() == 2) {
                        resentAfterConnected.set(DtlsLink.connected(link.serverEvents));
                    }
                    return droppedFinished.compareAndSet(false, true);
                }
                return false;
            };
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                    && DtlsLink.connected(link.serverEvents), 10_000)).as(link::describe).isTrue();

            assertThat(droppedFinished).isTrue();
            assertThat(serverFinishedSent).hasValueGreaterThanOrEqualTo(2);
            assertThat(resentAfterConnected).as("the Finished was resent after the server's Connected").isTrue();
            assertThat(DtlsLink.connectedEvent(link.clientEvents).keys().localKey())
                    .isEqualTo(DtlsLink.connectedEvent(link.serverEvents).keys().remoteKey());
            assertThat(link.serverEvents).hasSize(1);

            link.server.close();
            assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.clientEvents)
                    && DtlsLink.terminal(link.serverEvents), 5000)).as(link::describe).isTrue();
            assertThat(link.clientEvents).last().isEqualTo(new DtlsOutput.Closed());
            assertThat(link.serverEvents).last().isEqualTo(new DtlsOutput.Closed());
        }
    }

    @Test
    void garbageAfterConnectedIsIgnored() throws Exception {
        try (DtlsLink link = new DtlsLink(pool).build()) {
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                    && DtlsLink.connected(link.serverEvents), 5000)).as(link::describe).isTrue();

            assertThat(pool.awaitIdle()).isZero();
            Random random = new Random(7);
            for (int i = 0; i < 60; i++) {
                DtlsEndpoint target = i % 2 == 0 ? link.server : link.client;
                // Lengths 0..23 are too short for AES-GCM (8-byte nonce + 16-byte tag): BC would fail the
                // connection with decode_error. Longer ones fail authentication and BC drops them.
                int length = i < 24 ? i : 24 + random.nextInt(80);
                target.handleInput(garbageRecord(random, i % 3 == 0 ? RECORD_HANDSHAKE : RECORD_APPLICATION_DATA,
                        length));
                // Two slots: let each drain finish so none is rejected.
                assertThat(pool.awaitIdle()).isZero();
            }
            link.pumpUntil(() -> false, 100);
            assertThat(link.clientEvents).as(link::describe).hasSize(1);
            assertThat(link.serverEvents).as(link::describe).hasSize(1);

            link.server.close();
            assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.clientEvents)
                    && DtlsLink.terminal(link.serverEvents), 5000)).as(link::describe).isTrue();
            assertThat(link.clientEvents).last().isEqualTo(new DtlsOutput.Closed());
            assertThat(link.serverEvents).last().isEqualTo(new DtlsOutput.Closed());
        }
    }

    @Test
    void rejectedConnectionTasksFail() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        AtomicBoolean reject = new AtomicBoolean();
        Executor gate = command -> {
            if (reject.get()) {
                throw new RejectedExecutionException("saturated");
            }
            threads.execute(command);
        };
        try (DtlsLink link = new DtlsLink(gate).build()) {
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                    && DtlsLink.connected(link.serverEvents), 5000)).as(link::describe).isTrue();
            // A run still finishing the handshake's last tasks would take the close without asking the executor.
            assertThat(awaitIdle((ThreadPoolExecutor) threads)).as("handshake tasks still running").isZero();
            reject.set(true);

            link.server.handleInput(garbageRecord(new Random(1), RECORD_APPLICATION_DATA, 40));
            link.client.close();
            assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.clientEvents)
                    && DtlsLink.terminal(link.serverEvents), 2000)).as(link::describe).isTrue();
            assertThat(link.serverEvents).last().isInstanceOfSatisfying(DtlsOutput.Failed.class,
                    failed -> assertThat(failed.reason()).contains("rejected").contains("saturated"));
            assertThat(link.clientEvents).last().isInstanceOfSatisfying(DtlsOutput.Failed.class,
                    failed -> assertThat(failed.reason()).contains("rejected"));
            assertThat(link.serverEvents).hasSize(2);
            assertThat(link.clientEvents).hasSize(2);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A record that looks like DTLS 1.2 (epoch 1, the given type and length) but cannot authenticate. */
    private static byte[] garbageRecord(Random random, int type, int length) {
        byte[] record = new byte[13 + length];
        random.nextBytes(record);
        record[0] = (byte) type;
        record[1] = (byte) 0xFE;
        record[2] = (byte) 0xFD;
        record[3] = 0;
        record[4] = 1;
        record[11] = (byte) (length >> 8);
        record[12] = (byte) length;
        return record;
    }

    private static int epoch(byte[] record) {
        return ((record[3] & 0xFF) << 8) | (record[4] & 0xFF);
    }

    /** Waits up to two seconds for the executor to have no running task; returns the last active count seen. */
    private static int awaitIdle(ThreadPoolExecutor pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return pool.getActiveCount();
    }
}
