package io.mediamesh.testsupport.chromium;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One headless Chromium process tree showing one page, with a fresh profile directory.
 *
 * <p>The flags are the ones proven in {@code guides/real-clients.md} §1: a fake camera and microphone, no
 * permission prompt, autoplay without a user gesture (so received audio is played and its samples are counted),
 * and loopback ICE candidates (so media can flow over 127.0.0.1).
 */
public final class ChromiumBrowser implements AutoCloseable {
    /** Environment variable naming the Chromium binary; it wins over every other place. */
    public static final String BINARY_ENV = "CHROMIUM_BIN";

    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/chromium");
    private static final AtomicInteger LAUNCHES = new AtomicInteger();

    private final Process process;
    private final Path profileDir;
    private final Path logFile;
    private boolean closed;

    private ChromiumBrowser(Process process, Path profileDir, Path logFile) {
        this.process = process;
        this.profileDir = profileDir;
        this.logFile = logFile;
    }

    /**
     * Starts Chromium on {@code page}; its stdout and stderr go to a new {@code chromium-*.log} in {@code logDir}.
     *
     * @throws IllegalStateException if no Chromium binary can be found (the message says how to install one)
     */
    public static ChromiumBrowser launch(URI page, Path logDir) {
        return launch(page, logDir, List.of());
    }

    /** Like {@link #launch(URI, Path)}, with extra command-line flags appended after the standard ones. */
    public static ChromiumBrowser launch(URI page, Path logDir, List<String> extraFlags) {
        Path binary = findBinary();
        try {
            Files.createDirectories(logDir);
            Path profileDir = Files.createTempDirectory("mediamesh-chromium-profile-");
            Path logFile = logDir.resolve("chromium-" + ProcessHandle.current().pid() + "-"
                    + LAUNCHES.incrementAndGet() + ".log");
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(standardFlags(profileDir));
            command.addAll(extraFlags);
            command.add(page.toString());
            Files.writeString(logFile, String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new ChromiumBrowser(process, profileDir, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Chromium " + binary, e);
        }
    }

    /** The flags every launch uses, in order, with the given profile directory. */
    public static List<String> standardFlags(Path profileDir) {
        return List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                "--allow-loopback-in-peer-connection",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--user-data-dir=" + profileDir);
    }

    /**
     * The Chromium binary: {@code $CHROMIUM_BIN}, else {@code /usr/bin/chromium}, else {@code chromium} on the PATH.
     *
     * @throws IllegalStateException if none of them is an executable file
     */
    public static Path findBinary() {
        return findBinary(System.getenv(), DEBIAN_BINARY);
    }

    static Path findBinary(Map<String, String> env, Path defaultBinary) {
        String configured = env.get(BINARY_ENV);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path) && !Files.isDirectory(path)) {
                return path;
            }
            throw new IllegalStateException(BINARY_ENV + "=" + configured
                    + " is not an executable file. " + installHint());
        }
        if (Files.isExecutable(defaultBinary)) {
            return defaultBinary;
        }
        String pathVariable = env.getOrDefault("PATH", "");
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No Chromium found (looked at $" + BINARY_ENV + ", " + defaultBinary
                + " and 'chromium' on the PATH). " + installHint());
    }

    private static String installHint() {
        return "The real-client tests need a headless Chromium: on Debian/Ubuntu run "
                + "'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium', "
                + "or point $" + BINARY_ENV + " at a Chromium or Chrome binary.";
    }

    public Path logFile() {
        return logFile;
    }

    public Path profileDir() {
        return profileDir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The last {@code lines} lines of the browser log, for failure messages. */
    public String logTail(int lines) {
        return LogTail.of(logFile, lines);
    }

    /**
     * Kills the browser and every descendant, then the crash handlers that outlive it, then deletes the profile.
     * Safe to call twice.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        waitForExit(tree, 3_000);
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        waitForExit(tree, 3_000);
        killCrashpadHandlers(profileDir);
        deleteRecursively(profileDir);
    }

    private static void waitForExit(List<ProcessHandle> handles, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (ProcessHandle handle : handles) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception timeoutOrFailure) {
                // A handle that does not exit in time is force-killed by the caller.
            }
        }
    }

    /**
     * Chromium starts {@code chrome_crashpad_handler} so that it is re-parented to PID 1, outside the process tree,
     * so leftovers are found through their command line, which names the (unique) profile directory.
     */
    static List<Long> killCrashpadHandlers(Path profileDir) {
        List<Long> killed = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (long pid : ProcessScan.pidsWhoseCommandLineContains(profileDir.toString())) {
            if (pid != self) {
                ProcessHandle.of(pid).ifPresent(handle -> {
                    handle.destroyForcibly();
                    killed.add(pid);
                });
            }
        }
        return killed;
    }

    private static void deleteRecursively(Path dir) {
        // A dying renderer may still write a file or two, so a failed pass is retried once.
        for (int attempt = 0; attempt < 2 && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                sleepQuietly(200);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
