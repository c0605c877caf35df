package io.mediamesh.node.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful drain of this media node. Once {@link #start() started} (by {@code POST /internal/drain}, or by shutdown:
 * SIGTERM, a Kubernetes preStop hook) the node refuses new sessions ({@link #accepting()} turns false, the API answers
 * 503), runs {@code onStart} (mark draining in the cluster registry so gateways choose other nodes, report not
 * ready), and lets the sessions it has run until they end or the drain timeout passes; {@link #finished()} then
 * completes with {@code true} (every session ended) or {@code false} (timed out, the rest are closed by the node's
 * shutdown). A drain is never undone: a drained node is restarted, not resumed.
 *
 * <p>Threads: {@link #start()} may race between an HTTP thread and the shutdown thread; the first call wins and the
 * others get the same future. The session count is polled every {@link #POLL} on one daemon thread of its own that
 * exists only while a drain is in progress.
 */
public final class NodeDrain {
    /** How often the session count is read while draining. */
    static final Duration POLL = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(NodeDrain.class);

    private final Duration timeout;
    private final IntSupplier sessions;
    private final Runnable onStart;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Boolean> finished = new CompletableFuture<>();

    /**
     * @param timeout  how long running sessions may continue once the drain starts
     * @param sessions the node's live session count
     * @param onStart  runs once when the drain starts (its failure is logged, the drain goes on)
     */
    public NodeDrain(Duration timeout, IntSupplier sessions, Runnable onStart) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("mediamesh.node.drain-timeout must not be negative, was " + timeout);
        }
        this.timeout = timeout;
        this.sessions = sessions;
        this.onStart = onStart;
    }

    /** Whether new sessions may be created here: true until a drain starts. */
    public boolean accepting() {
        return !started.get();
    }

    /** Starts the drain (idempotent) and returns {@link #finished()}. */
    public CompletableFuture<Boolean> start() {
        if (!started.compareAndSet(false, true)) {
            return finished;
        }
        log.info("Draining: no new sessions; {} running may continue for up to {}", sessions.getAsInt(), timeout);
        try {
            onStart.run();
        } catch (RuntimeException e) {
            log.warn("Drain start action failed: {}", e.toString());
        }
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "node-drain");
            thread.setDaemon(true);
            return thread;
        });
        // Stopped with shutdown(), not shutdownNow(): the future completes on this thread, and interrupting it
        // would reach the callbacks that run there (the waiting HTTP response).
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.scheduleWithFixedDelay(() -> {
            if (sessions.getAsInt() <= 0) {
                finished.complete(true);
            }
        }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        timer.schedule(() -> {
            if (finished.complete(false)) {
                log.warn("Drain timeout {} passed with {} sessions left; they are closed now", timeout,
                        sessions.getAsInt());
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        finished.whenComplete((allEnded, error) -> {
            timer.shutdown();
            if (Boolean.TRUE.equals(allEnded)) {
                log.info("Drained: every session has ended");
            }
        });
        return finished;
    }

    /** Completes when a started drain is over: true when every session ended, false when the timeout passed. */
    public CompletableFuture<Boolean> finished() {
        return finished;
    }

    /** The state for the internal API. */
    public Status status() {
        return new Status(started.get(), Math.max(0, sessions.getAsInt()), finished.isDone());
    }

    /**
     * @param draining whether a drain has started
     * @param sessions the live session count
     * @param drained  whether the drain is over (all sessions ended or the timeout passed)
     */
    public record Status(boolean draining, int sessions, boolean drained) {
    }
}
