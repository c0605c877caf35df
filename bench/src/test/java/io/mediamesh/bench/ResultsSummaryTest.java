package io.mediamesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsSummaryTest {
    /** The shape JMH 1.37 writes with -rf csv, -prof gc and CpuTimeProfiler (other gc rows trimmed). */
    private static final List<String> CSV = List.of(
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                    + "\"Param: profile\",\"Param: subscribers\"",
            "\"io.mediamesh.bench.ForwardingBenchmark.forward\",\"avgt\",1,5,25000.0,1000.0,\"ns/op\","
                    + "AEAD_AES_128_GCM,10",
            "\"io.mediamesh.bench.ForwardingBenchmark.forward:cpu.worker.norm\",\"avgt\",1,5,20000.0,500.0,\"ns/op\","
                    + "AEAD_AES_128_GCM,10",
            "\"io.mediamesh.bench.ForwardingBenchmark.forward:gc.alloc.rate.norm\",\"avgt\",1,5,1130.0,10.0,\"B/op\","
                    + "AEAD_AES_128_GCM,10",
            "\"io.mediamesh.bench.ForwardingBenchmark.forward:gc.count\",\"avgt\",1,5,3.0,NaN,\"counts\","
                    + "AEAD_AES_128_GCM,10");

    @Test
    void derivesPerPacketCostAndRatesFromCpuAndWallTime() {
        List<String> lines = ResultsSummary.summarize(CSV);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).trim().split("\\s+")).containsExactly(
                "forward", "AEAD_AES_128_GCM", "10", "25000", "±", "1000", "20000", "±", "500", "2000", "500000",
                "400000", "113.0");
    }
}
