package io.mediamesh.core.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SerialTaskQueueTest {

    @Test
    void runsEveryTaskOneAtATimeInSubmissionOrderPerSubmitter() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialTaskQueue queue = new SerialTaskQueue(pool, e -> { });
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            List<int[]> order = new CopyOnWriteArrayList<>();
            int submitters = 4;
            int perSubmitter = 500;
            CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                int submitter = s;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perSubmitter; i++) {
                        int index = i;
                        queue.submit(() -> {
                            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                            order.add(new int[] {submitter, index});
                            running.decrementAndGet();
                            done.countDown();
                        });
                    }
                }));
            }
            threads.forEach(Thread::start);
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(maxRunning).hasValue(1);
            int[] next = new int[submitters];
            for (int[] entry : order) {
                assertThat(entry[1]).as("submitter %d", entry[0]).isEqualTo(next[entry[0]]++);
            }
            assertThat(next).containsOnly(perSubmitter);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void holdsNoThreadBetweenTasksAndYieldsAfterABatch() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
        try {
            SerialTaskQueue queue = new SerialTaskQueue(pool, e -> { });
            Semaphore ran = new Semaphore(0);
            int tasks = SerialTaskQueue.MAX_TASKS_PER_RUN * 3;
            for (int i = 0; i < tasks; i++) {
                queue.submit(ran::release);
            }
            assertThat(ran.tryAcquire(tasks, 5, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (pool.getCompletedTaskCount() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // 48 tasks need at least three runs of 16, each a separate executor task that then returns.
            assertThat(pool.getCompletedTaskCount()).isGreaterThanOrEqualTo(3);
            assertThat(pool.getActiveCount()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectionIsReportedAndALaterSubmitTriesAgain() throws Exception {
        AtomicInteger rejections = new AtomicInteger();
        AtomicReference<Boolean> refuse = new AtomicReference<>(true);
        List<Runnable> accepted = new ArrayList<>();
        SerialTaskQueue queue = new SerialTaskQueue(command -> {
            if (refuse.get()) {
                throw new RejectedExecutionException("full");
            }
            accepted.add(command);
        }, e -> rejections.incrementAndGet());
        AtomicInteger ran = new AtomicInteger();

        queue.submit(ran::incrementAndGet);
        assertThat(rejections).hasValue(1);
        assertThat(accepted).isEmpty();

        refuse.set(false);
        queue.submit(ran::incrementAndGet);
        assertThat(accepted).hasSize(1);
        accepted.get(0).run();
        // The task queued before the rejection was discarded; only the new one ran.
        assertThat(ran).hasValue(1);
        assertThat(rejections).hasValue(1);
    }
}
