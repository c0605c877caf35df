package io.mediamesh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the CSV that JMH writes with {@code -rf csv -rff FILE} for {@link ForwardingBenchmark} into the figures
 * the targets are stated in: nanoseconds per out-packet and out-packets per second on one core
 * ({@code subscribers / (ns/op) * 1e9}), from the benchmark thread's CPU time when the run used
 * {@code -prof io.mediamesh.bench.CpuTimeProfiler} and from the wall-clock score, plus heap bytes allocated per
 * out-packet when the run used {@code -prof gc}.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.mediamesh.bench.ResultsSummary results.csv}
 */
public final class ResultsSummary {
    private ResultsSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ResultsSummary <jmh-results.csv>");
            System.exit(2);
        }
        summarize(Files.readAllLines(Path.of(args[0]))).forEach(System.out::println);
    }

    /** The summary table for the lines of a JMH CSV result file, one string per output line. */
    static List<String> summarize(List<String> lines) {
        List<String> output = new ArrayList<>();
        List<String> header = split(lines.get(0));
        int benchmark = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int profile = header.indexOf("Param: profile");
        int subscribers = header.indexOf("Param: subscribers");
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = split(line);
            String name = cells.get(benchmark);
            String key = name.replaceFirst(":.*", "") + "|" + cells.get(profile) + "|" + cells.get(subscribers);
            Row row = rows.computeIfAbsent(key, k -> new Row(shortName(name), cells.get(profile),
                    Integer.parseInt(cells.get(subscribers))));
            if (!name.contains(":")) {
                row.nanos = number(cells.get(score));
                row.nanosError = number(cells.get(error));
            } else if (name.endsWith(":gc.alloc.rate.norm")) {
                row.allocatedBytes = number(cells.get(score));
            } else if (name.endsWith(":cpu.worker.norm")) {
                row.cpuNanos = number(cells.get(score));
                row.cpuNanosError = number(cells.get(error));
            }
        }
        output.add(String.format(Locale.ROOT, "%-27s %-23s %4s %17s %17s %10s %11s %11s %9s", "benchmark", "profile", "N",
                "wall ns/op", "cpu ns/op", "cpu ns/pkt", "pkt/s (cpu)", "pkt/s(wall)", "B/pkt"));
        for (Row row : rows.values()) {
            double cpuPerPacket = row.cpuNanos / row.subscribers;
            double wallPerPacket = row.nanos / row.subscribers;
            output.add(String.format(Locale.ROOT, "%-27s %-23s %4d %17s %17s %10s %11s %11s %9s", row.benchmark,
                    row.profile, row.subscribers, withError(row.nanos, row.nanosError),
                    withError(row.cpuNanos, row.cpuNanosError), format("%.0f", cpuPerPacket),
                    format("%.0f", 1e9 / cpuPerPacket), format("%.0f", 1e9 / wallPerPacket),
                    format("%.1f", row.allocatedBytes / row.subscribers)));
        }
        output.add("pkt = one packet out to one viewer; pkt/s are per core (one benchmark thread). cpu = the"
                + " benchmark thread's CPU time (CpuTimeProfiler), B = heap allocated (-prof gc).");
        return output;
    }

    private static String withError(double value, double error) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f ± %.0f", value, error);
    }

    private static String format(String pattern, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, pattern, value);
    }

    private static String shortName(String name) {
        String method = name.replaceFirst(":.*", "");
        return method.substring(method.lastIndexOf('.') + 1);
    }

    private static double number(String cell) {
        return cell.isEmpty() || cell.equals("NaN") ? Double.NaN : Double.parseDouble(cell);
    }

    /** Splits one CSV line; JMH quotes text cells and never puts commas or quotes inside them. */
    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            cells.add(cell.startsWith("\"") && cell.endsWith("\"") && cell.length() >= 2
                    ? cell.substring(1, cell.length() - 1) : cell);
        }
        return cells;
    }

    private static final class Row {
        private final String benchmark;
        private final String profile;
        private final int subscribers;
        private double nanos = Double.NaN;
        private double nanosError = Double.NaN;
        private double allocatedBytes = Double.NaN;
        private double cpuNanos = Double.NaN;
        private double cpuNanosError = Double.NaN;

        private Row(String benchmark, String profile, int subscribers) {
            this.benchmark = benchmark;
            this.profile = profile;
            this.subscribers = subscribers;
        }
    }
}
