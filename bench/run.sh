#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs the forwarding benchmark (with the GC profiler for allocation per
# operation) and the per-viewer memory measurement. About four minutes on a 2-vCPU box.
# Extra arguments go to JMH, e.g.:  bench/run.sh -p subscribers=100 -p profile=AEAD_AES_128_GCM
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl bench -am package -DskipTests
results=bench/target/jmh-results.csv
java -jar bench/target/benchmarks.jar ForwardingBenchmark -prof gc -prof io.mediamesh.bench.CpuTimeProfiler -rf csv -rff "$results" "$@"
java -cp bench/target/benchmarks.jar io.mediamesh.bench.ResultsSummary "$results"
java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar io.mediamesh.bench.SubscriberMemory
