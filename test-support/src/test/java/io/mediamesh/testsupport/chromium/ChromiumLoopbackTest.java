package io.mediamesh.testsupport.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves the real-client harness without any server of ours: a page served by {@link ResultServer} connects two
 * RTCPeerConnections to each other in one headless Chromium, sends the fake camera, and posts decoder statistics.
 * Fails (never skips) when Chromium is missing.
 */
class ChromiumLoopbackTest {
    private static final Path LOG_DIR = Path.of("target", "chromium-logs");
    private static ResultServer server;

    @BeforeAll
    static void startServer() {
        server = ResultServer.start("pages");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource({"vp8, video/VP8", "h264, video/H264"})
    void fakeCameraIsEncodedSentAndDecodedOverLoopback(String codec, String mimeType) {
        String key = "loopback-" + codec;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("key", key);
        query.put("codec", codec);
        query.put("frames", "45");
        ChromiumBrowser browser = ChromiumBrowser.launch(server.pageUri("loopback.html", query), LOG_DIR);
        Path profile = browser.profileDir();
        Json result;
        try (browser) {
            result = Json.parse(server.await(key, Duration.ofSeconds(30)));
            assertThat(result.has("error")).as("page error: %s\n%s", result, browser.logTail(30)).isFalse();
            assertThat(result.isTrue("done")).as("%s\n%s", server.describe(key, 5), browser.logTail(30)).isTrue();
        }

        assertThat(result.number("framesDecoded")).as("%s", result).isGreaterThan(30);
        assertThat(result.number("framesEncoded")).as("%s", result).isGreaterThan(30);
        assertThat(result.string("videoCodec")).isEqualTo(mimeType);
        assertThat(result.string("connectionState")).isEqualTo("connected");
        assertThat(result.number("audioPacketsReceived")).as("%s", result).isGreaterThan(0);
        assertThat(result.number("totalSamplesReceived")).as("played audio is counted: %s", result).isGreaterThan(0);
        assertThat(result.number("maxAudioLevel")).as("the fake microphone's beep is heard: %s", result)
                .isGreaterThan(0);
        assertThat(browser.isAlive()).isFalse();
        assertThat(Files.exists(profile)).as("profile dir deleted").isFalse();
        assertThat(ProcessScan.pidsWhoseCommandLineContains(profile.toString()))
                .as("no process (renderer, crash handler...) outlives close()").isEmpty();
    }
}
