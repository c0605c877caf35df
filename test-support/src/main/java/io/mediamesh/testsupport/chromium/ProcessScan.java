package io.mediamesh.testsupport.chromium;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads process command lines from {@code /proc}. On systems without {@code /proc} it finds nothing, which only
 * means that orphaned crash handlers cannot be cleaned up there.
 */
public final class ProcessScan {
    private static final Path PROC = Path.of("/proc");

    private ProcessScan() {
    }

    /** PIDs of the live processes whose command line (arguments joined by spaces) contains {@code fragment}. */
    public static List<Long> pidsWhoseCommandLineContains(String fragment) {
        List<Long> pids = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return pids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (commandLine(pid).contains(fragment)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            // /proc vanished under us or is unreadable: there is nothing more we can find.
        }
        return pids;
    }

    /** The command line of {@code pid} with NUL separators turned into spaces, or "" if it cannot be read. */
    public static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | SecurityException e) {
            // The process exited between listing and reading, or belongs to someone else.
            return "";
        }
    }
}
