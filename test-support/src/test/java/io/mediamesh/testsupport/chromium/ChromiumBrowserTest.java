package io.mediamesh.testsupport.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromiumBrowserTest {
    @TempDir
    Path temp;

    @Test
    void missingBinaryFailsWithInstallInstructions() {
        Path nowhere = temp.resolve("no-chromium");
        assertThatThrownBy(() -> ChromiumBrowser.findBinary(Map.of("PATH", temp.toString()), nowhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install")
                .hasMessageContaining("CHROMIUM_BIN");
    }

    @Test
    void configuredBinaryThatIsNotExecutableFails() {
        Path missing = temp.resolve("missing-chromium");
        assertThatThrownBy(() -> ChromiumBrowser.findBinary(Map.of("CHROMIUM_BIN", missing.toString()), missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void environmentWinsThenDefaultThenPath() throws IOException {
        Path fromEnv = executable("env-chromium");
        Path fromDefault = executable("default-chromium");
        Path pathDir = Files.createDirectory(temp.resolve("bin"));
        Path fromPath = Files.createFile(pathDir.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        assertThat(ChromiumBrowser.findBinary(Map.of("CHROMIUM_BIN", fromEnv.toString(), "PATH", pathDir.toString()),
                fromDefault)).isEqualTo(fromEnv);
        assertThat(ChromiumBrowser.findBinary(Map.of("PATH", pathDir.toString()), fromDefault))
                .isEqualTo(fromDefault);
        assertThat(ChromiumBrowser.findBinary(Map.of("PATH", pathDir.toString()), temp.resolve("absent")))
                .isEqualTo(fromPath);
    }

    @Test
    void standardFlagsUseTheGivenProfileAndLoopbackCandidates() {
        assertThat(ChromiumBrowser.standardFlags(temp))
                .contains("--headless=new", "--use-fake-device-for-media-stream",
                        "--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection",
                        "--user-data-dir=" + temp);
    }

    private Path executable(String name) throws IOException {
        return Files.createFile(temp.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
}
