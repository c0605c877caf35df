package io.mediamesh.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bottleneck on the loopback interface for the UDP packets one local port sends to another, made with Linux traffic
 * control ({@code tc}, iproute2): an HTB root whose default class is unlimited, a class of {@code kbit} for the packets
 * whose source and destination ports match, and a short FIFO (like a home router's buffer) under it, so the excess is queued a little and
 * then dropped. Everything else on loopback is untouched. Needs root (CI runs as root) and the {@code sch_htb} and
 * {@code cls_u32} kernel modules.
 */
final class LoopbackShaper implements AutoCloseable {
    private static final String DEV = "lo";
    private boolean installed;

    /**
     * Limits what {@code sourcePort} sends over UDP on loopback to {@code destinationPort} to {@code kbit}, with a
     * {@code queuePackets} buffer; its packets to other ports (another peer of the same node) pass unshaped.
     */
    void limit(int sourcePort, int destinationPort, int kbit, int queuePackets) {
        clear();
        tc("qdisc", "add", "dev", DEV, "root", "handle", "1:", "htb", "default", "10");
        installed = true;
        tc("class", "add", "dev", DEV, "parent", "1:", "classid", "1:10", "htb", "rate", "20gbit");
        tc("class", "add", "dev", DEV, "parent", "1:", "classid", "1:20", "htb", "rate", kbit + "kbit", "ceil",
                kbit + "kbit", "burst", "4k");
        tc("qdisc", "add", "dev", DEV, "parent", "1:20", "handle", "20:", "pfifo", "limit",
                Integer.toString(queuePackets));
        tc("filter", "add", "dev", DEV, "protocol", "ip", "parent", "1:", "prio", "1", "u32", "match", "ip",
                "protocol", "17", "0xff", "match", "ip", "sport", Integer.toString(sourcePort), "0xffff", "match", "ip", "dport",
                Integer.toString(destinationPort), "0xffff", "flowid", "1:20");
    }

    /** The shaped class's counters, for the test's log. */
    String stats() {
        return installed ? run(List.of("tc", "-s", "class", "show", "dev", DEV, "classid", "1:20"), false) : "";
    }

    /** Removes the bottleneck (and any root qdisc left on loopback by an earlier, killed run). */
    void clear() {
        run(List.of("tc", "qdisc", "del", "dev", DEV, "root"), false);
        installed = false;
    }

    @Override
    public void close() {
        clear();
    }

    private static void tc(String... args) {
        List<String> command = new ArrayList<>();
        command.add("tc");
        command.addAll(List.of(args));
        run(command, true);
    }

    private static String run(List<String> command, boolean mustSucceed) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (mustSucceed && process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue()
                        + "): " + output.strip() + ". The bandwidth test shapes loopback with tc: it needs root, "
                        + "iproute2 and the sch_htb/cls_u32 kernel modules.");
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (install iproute2): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
