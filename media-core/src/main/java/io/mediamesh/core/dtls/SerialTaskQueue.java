package io.mediamesh.core.dtls;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one endpoint's tasks one at a time, in submission order, on an executor shared by many endpoints. No
 * thread is held between tasks: a run is scheduled only while tasks are queued, and it ends when the queue is
 * empty (or after a small batch, so that one busy endpoint cannot starve the others).
 *
 * <p>Bouncy Castle's {@code DTLSTransport} is not thread-safe; funnelling every post-handshake use of it through
 * one of these queues gives it the single-threaded access it needs without a dedicated thread.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread, including from a task. Tasks must handle their
 * own failures; one that throws still releases the queue, but the exception reaches the executor.
 */
final class SerialTaskQueue {
    /** Most tasks one run executes before it yields the thread back to the executor. */
    static final int MAX_TASKS_PER_RUN = 16;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor executor;
    private final Consumer<RejectedExecutionException> onRejected;

    /**
     * @param executor runs the batches; may be shared
     * @param onRejected told (on the thread that tried to schedule the batch) when the executor refuses it; the
     *     queued tasks are discarded first
     */
    SerialTaskQueue(Executor executor, Consumer<RejectedExecutionException> onRejected) {
        this.executor = executor;
        this.onRejected = onRejected;
    }

    /** Queues a task and makes sure a run is scheduled to execute it. */
    void submit(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::runBatch);
        } catch (RejectedExecutionException e) {
            tasks.clear();
            scheduled.set(false);
            onRejected.accept(e);
        }
    }

    private void runBatch() {
        try {
            for (int i = 0; i < MAX_TASKS_PER_RUN; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                task.run();
            }
        } finally {
            scheduled.set(false);
            // Re-check after clearing the flag: a task submitted while this run was finishing saw the flag set
            // and did not schedule, so this run must.
            schedule();
        }
    }
}
