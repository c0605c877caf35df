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
 * ({@code subscribers / (ns/op) * 1e9}), plus heap bytes allocated per out-packet when the run used
 * {@code -prof gc}.
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
        List<String> lines = Files.readAllLines(Path.of(args[0]));
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
            }
        }
        System.out.printf(Locale.ROOT, "%-28s %-24s %5s %14s %12s %16s %10s %10s%n", "benchmark", "profile", "N",
                "ns/op", "ns/out-pkt", "out-pkt/s/core", "B/op", "B/out-pkt");
        for (Row row : rows.values()) {
            double perPacket = row.nanos / row.subscribers;
            System.out.printf(Locale.ROOT, "%-28s %-24s %5d %14s %12.0f %16.0f %10s %10s%n", row.benchmark,
                    row.profile, row.subscribers, String.format(Locale.ROOT, "%.0f ± %.0f", row.nanos,
                            row.nanosError),
                    perPacket, 1e9 / perPacket,
                    Double.isNaN(row.allocatedBytes) ? "-" : String.format(Locale.ROOT, "%.0f", row.allocatedBytes),
                    Double.isNaN(row.allocatedBytes) ? "-"
                            : String.format(Locale.ROOT, "%.1f", row.allocatedBytes / row.subscribers));
        }
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

        private Row(String benchmark, String profile, int subscribers) {
            this.benchmark = benchmark;
            this.profile = profile;
            this.subscribers = subscribers;
        }
    }
}
