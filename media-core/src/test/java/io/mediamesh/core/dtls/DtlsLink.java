package io.mediamesh.core.dtls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Two {@link DtlsEndpoint}s connected back to back in memory. The test thread plays both owners: it waits for a
 * wake-up, drains each endpoint's outputs, and delivers every Transmit to the other side unless the drop
 * filter (side, index of that side's datagram, the datagram) says to lose it.
 */
final class DtlsLink implements AutoCloseable {
    final DtlsCertificate clientCertificate = DtlsCertificate.generate();
    final DtlsCertificate serverCertificate = DtlsCertificate.generate();
    final Executor executor;
    private final boolean ownsExecutor;
    final Semaphore wakeups = new Semaphore(0);
    final List<DtlsOutput> clientEvents = new ArrayList<>();
    final List<DtlsOutput> serverEvents = new ArrayList<>();
    DtlsEndpoint client;
    DtlsEndpoint server;
    DropFilter drop = (side, index, datagram) -> false;
    private int clientSent;
    private int serverSent;

    /** Decides whether a datagram sent by {@code side} is lost on its way to the other endpoint. */
    @FunctionalInterface
    interface DropFilter {
        boolean drop(DtlsRole side, int index, byte[] datagram);
    }

    /** A link with its own two-thread executor, shut down by {@link #close()}. */
    DtlsLink() {
        this(Executors.newFixedThreadPool(2), true);
    }

    /** A link whose endpoints run on {@code executor}, which {@link #close()} leaves running. */
    DtlsLink(Executor executor) {
        this(executor, false);
    }

    private DtlsLink(Executor executor, boolean ownsExecutor) {
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
    }

    /** Builds both endpoints; each expects the other's real fingerprint unless overridden. */
    DtlsLink build(String clientExpects, String serverExpects, int timeoutMillis) {
        client = new DtlsEndpoint(clientCertificate, DtlsRole.CLIENT, "sha-256",
                clientExpects != null ? clientExpects : serverCertificate.fingerprintSha256(),
                executor, wakeups::release, 1200, timeoutMillis);
        server = new DtlsEndpoint(serverCertificate, DtlsRole.SERVER, "sha-256",
                serverExpects != null ? serverExpects : clientCertificate.fingerprintSha256(),
                executor, wakeups::release, 1200, timeoutMillis);
        return this;
    }

    DtlsLink build() {
        return build(null, null, 5000);
    }

    void start() {
        server.start();
        client.start();
    }

    /** Pumps datagrams until {@code done} holds or the deadline passes. */
    boolean pumpUntil(java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wakeups.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            drain(client, DtlsRole.CLIENT, server, clientEvents);
            drain(server, DtlsRole.SERVER, client, serverEvents);
        }
        return true;
    }

    private void drain(DtlsEndpoint from, DtlsRole side, DtlsEndpoint to, List<DtlsOutput> events) {
        DtlsOutput output;
        while ((output = from.pollOutput()) != null) {
            if (output instanceof DtlsOutput.Transmit transmit) {
                int index = side == DtlsRole.CLIENT ? clientSent++ : serverSent++;
                if (!drop.drop(side, index, transmit.datagram())) {
                    to.handleInput(transmit.datagram());
                }
            } else {
                events.add(output);
            }
        }
    }

    /** Both sides' non-transmit events, for assertion messages. */
    String describe() {
        return "client " + clientEvents + ", server " + serverEvents;
    }

    static boolean terminal(List<DtlsOutput> events) {
        return events.stream().anyMatch(e -> e instanceof DtlsOutput.Failed || e instanceof DtlsOutput.Closed);
    }

    static boolean connected(List<DtlsOutput> events) {
        return events.stream().anyMatch(e -> e instanceof DtlsOutput.Connected);
    }

    static DtlsOutput.Connected connectedEvent(List<DtlsOutput> events) {
        return events.stream().filter(e -> e instanceof DtlsOutput.Connected)
                .map(DtlsOutput.Connected.class::cast).findFirst().orElseThrow();
    }

    @Override
    public void close() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (ownsExecutor && executor instanceof ExecutorService service) {
            service.shutdown();
            service.awaitTermination(5, TimeUnit.SECONDS);
            service.shutdownNow();
        }
    }
}
