package io.mediamesh.testsupport.chromium;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a log file, for failure messages. */
public final class LogTail {
    private LogTail() {
    }

    /** The last {@code lines} lines of {@code file}, headed by its path; a note instead if it cannot be read. */
    public static String of(Path file, int lines) {
        try {
            // Logs written by crashing processes may hold broken UTF-8; decode leniently.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<String> all = text.lines().toList();
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            return "---- last " + tail.size() + " of " + all.size() + " lines of " + file + " ----\n"
                    + String.join("\n", tail) + "\n---- end of " + file.getFileName() + " ----";
        } catch (IOException e) {
            return "---- cannot read " + file + ": " + e + " ----";
        }
    }
}
