package io.mediamesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.e2e.PlatformProcess.TokenKind;
import io.mediamesh.testsupport.chromium.ChromiumBrowser;
import io.mediamesh.testsupport.chromium.Json;
import io.mediamesh.testsupport.chromium.ResultServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real FFmpeg publishes over RTMP into the cluster (media node + gateway + rtmp-ingest as processes); headless Chromium
 * plays the room over WHEP from the media node, which relays the ingest's tracks from the overlay. A wrong stream key
 * is refused with an RTMP status FFmpeg prints.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RtmpIngestEndToEndTest {
    private static final Path LOG_DIR = Path.of("target", "e2e-logs");
    private static final Duration MEDIA = Duration.ofSeconds(45);
    private static ClusterProcess cluster;
    private static ResultServer pages;
    private final List<Process> encoders = new ArrayList<>();
    private final List<ChromiumBrowser> browsers = new ArrayList<>();

    @BeforeAll
    static void start() {
        pages = ResultServer.start("pages");
        cluster = ClusterProcess.start(1, Map.of(), true);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (pages != null) {
            pages.close();
        }
    }

    @AfterEach
    void stopClients() {
        browsers.forEach(ChromiumBrowser::close);
        encoders.forEach(Process::destroyForcibly);
    }

    @Test
    @Order(1)
    void aWrongStreamKeyIsRefusedWithAnRtmpStatus() throws Exception {
        Process ffmpeg = ffmpeg("bad-key", "not-a-token", "baseline", 0, 5);
        assertThat(ffmpeg.waitFor(30, TimeUnit.SECONDS)).as("ffmpeg gives up").isTrue();
        String output = Files.readString(LOG_DIR.resolve("ffmpeg-bad-key.log"));
        assertThat(ffmpeg.exitValue()).as(output).isNotZero();
        assertThat(output).contains("stream key refused");
    }

    @Test
    @Order(2)
    void h264BaselineAndAacPlayInChromiumOverWhep() {
        Json viewer = publishAndWatch("rtmp-baseline", "baseline", 0);
        assertThat(viewer.string("videoCodec")).isEqualTo("video/H264");
        assertThat(viewer.number("frameWidth")).isEqualTo(640);
        Json sessions = rtmpSessions();
        assertThat(sessions.toString()).contains("rtmp-baseline").contains("H264 42c01e").contains("-> Opus");
    }

    @Test
    @Order(3)
    void h264MainWithBFramesPlaysToo() {
        Json viewer = publishAndWatch("rtmp-main", "main", 2);
        assertThat(viewer.string("videoCodec")).isEqualTo("video/H264");
        printLatency();
    }

    /** Publishes a 640x360 test pattern + 440 Hz tone and waits for 60 decoded frames and audible audio. */
    private Json publishAndWatch(String room, String profile, int bFrames) {
        String key = cluster.gateway().token(TokenKind.RTMP, room, "encoder");
        encoders.add(ffmpeg(room, key, profile, bFrames, 60));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("gw", cluster.nodeUrl(1).toString());
        query.put("token", cluster.gateway().token(TokenKind.WHEP, room, "viewer"));
        query.put("key", room);
        ChromiumBrowser browser = ChromiumBrowser.launch(pages.pageUri("viewer.html", query), LOG_DIR);
        browsers.add(browser);
        try {
            return pages.awaitJson(room, MEDIA, j -> {
                if (j.has("error")) {
                    throw new AssertionError("viewer reported an error: " + j);
                }
                return j.number("framesDecoded") >= 60 && j.number("audioPacketsReceived") > 0
                        && j.number("audioLevel") > 0;
            });
        } catch (AssertionError e) {
            String overlay;
            try {
                overlay = cluster.nodeOverlay(1).toString();
            } catch (AssertionError unavailable) {
                overlay = unavailable.getMessage();
            }
            throw new AssertionError(e.getMessage() + "\nmedia node overlay: " + overlay + "\nRTMP sessions: "
                    + rtmpSessions() + "\n" + cluster.logTails(), e);
        }
    }

    private Process ffmpeg(String name, String key, String profile, int bFrames, int seconds) {
        List<String> command = List.of("ffmpeg", "-hide_banner", "-loglevel", "warning", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "veryfast", "-profile:v", profile, "-bf", Integer.toString(bFrames),
                "-g", "30", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k",
                "-f", "flv", cluster.rtmpUrl() + key);
        try {
            Files.createDirectories(LOG_DIR);
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(LOG_DIR.resolve("ffmpeg-" + name + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ffmpeg", e);
        }
    }

    private static Json rtmpSessions() {
        HttpResponse<String> response = get(cluster.rtmpHttpUrl().resolve("/rtmp/sessions"), true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    /** The ingest's latency percentiles (message receipt to RTP in the overlay), from its Prometheus endpoint. */
    private static void printLatency() {
        String metrics = get(cluster.rtmpHttpUrl().resolve("/actuator/prometheus"), false).body();
        Matcher m = Pattern.compile("mediamesh_rtmp_latency_seconds\\{kind=\"(\\w+)\",quantile=\"([0-9.]+)\"\\} (\\S+)")
                .matcher(metrics);
        StringBuilder out = new StringBuilder("RTMP ingest latency (message receipt to RTP in the overlay):");
        while (m.find()) {
            long percentile = Math.round(Double.parseDouble(m.group(2)) * 100);
            out.append(String.format(" %s p%d=%.2f ms", m.group(1), percentile, Double.parseDouble(m.group(3)) * 1000));
        }
        System.out.println(out);
    }

    private static HttpResponse<String> get(URI uri, boolean authorized) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (authorized) {
            request.header("Authorization", "Bearer " + cluster.secret());
        }
        try {
            return HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
