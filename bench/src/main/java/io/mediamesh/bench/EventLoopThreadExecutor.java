package io.mediamesh.bench;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor JMH runs {@link ForwardingBenchmark}'s worker threads on ({@code -Djmh.executor=CUSTOM
 * -Djmh.executor.class=io.mediamesh.bench.EventLoopThreadExecutor}): Netty {@code FastThreadLocalThread}s, like the
 * node's event loops. It matters: Netty 4.2 recycles buffer objects ({@code Recycler}) and uses the pooled
 * allocator's thread caches only on such threads. On JMH's plain threads every pooled buffer allocates a new wrapper
 * object (about 100 bytes measured) and takes the arena lock, which the node never does.
 */
public final class EventLoopThreadExecutor extends ThreadPoolExecutor {
    /**
     * The constructor JMH's CUSTOM executor type calls. Thread names get "jmh-worker" like JMH's own workers, which
     * {@link CpuTimeProfiler} looks for.
     */
    public EventLoopThreadExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix + "-jmh-worker", true));
    }
}
