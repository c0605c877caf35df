package io.mediamesh.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof io.mediamesh.bench.CpuTimeProfiler}) that reports CPU time per operation next to the
 * wall-clock score: {@code cpu.worker.norm} is the CPU time of the benchmark threads, {@code cpu.process.norm} that
 * of the whole JVM (garbage collection and JIT included). On a shared machine the wall-clock score also counts the
 * time the benchmark thread waited for a core that another process held; its CPU time does not, so it is the
 * steadier figure for "packets per second per core". Steal time inside a virtual machine is counted either way.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private static final String WORKER_NAME = "jmh-worker";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long workersBefore;
    private long processBefore;

    @Override
    public String getDescription() {
        return "CPU time per operation of the benchmark threads and of the whole JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workersBefore = workerCpuNanos();
        processBefore = os.getProcessCpuTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long workers = workerCpuNanos() - workersBefore;
        long process = os.getProcessCpuTime() - processBefore;
        double ops = result.getMetadata().getAllOps();
        return List.of(
                new ScalarResult("cpu.worker.norm", ops > 0 ? workers / ops : Double.NaN, "ns/op",
                        AggregationPolicy.AVG),
                new ScalarResult("cpu.process.norm", ops > 0 ? process / ops : Double.NaN, "ns/op",
                        AggregationPolicy.AVG));
    }

    /**
     * Sum of the CPU time of the live JMH worker threads (JMH's own executor and {@link EventLoopThreadExecutor} put
     * "jmh-worker" in their names).
     */
    private long workerCpuNanos() {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(WORKER_NAME)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    sum += cpu;
                }
            }
        }
        return sum;
    }
}
