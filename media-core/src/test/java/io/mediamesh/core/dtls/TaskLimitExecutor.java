package io.mediamesh.core.dtls;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor that runs at most {@code limit} tasks at the same time and rejects the next one, like a node's
 * saturated DTLS pool. Unlike a ThreadPoolExecutor with a SynchronousQueue, a slot is free the moment a task
 * returns, so tests can tell "no thread is held" from "a worker has not yet gone back to waiting".
 */
final class TaskLimitExecutor implements Executor, AutoCloseable {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Semaphore slots;
    private final int limit;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    TaskLimitExecutor(int limit) {
        this.limit = limit;
        this.slots = new Semaphore(limit);
    }

    @Override
    public void execute(Runnable task) {
        if (!slots.tryAcquire()) {
            rejected.incrementAndGet();
            throw new RejectedExecutionException("all " + limit + " slots busy");
        }
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    running.decrementAndGet();
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            running.decrementAndGet();
            slots.release();
            throw e;
        }
    }

    /** Tasks running now. */
    int running() {
        return running.get();
    }

    /** The most tasks that ever ran at once. */
    int mostRunning() {
        return mostRunning.get();
    }

    /** Tasks refused because every slot was busy. */
    int rejected() {
        return rejected.get();
    }

    /** Waits up to two seconds for no task to be running; returns how many still are. */
    int awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (running.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return running.get();
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
