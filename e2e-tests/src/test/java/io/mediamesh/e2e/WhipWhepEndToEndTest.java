package io.mediamesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.e2e.PlatformProcess.TokenKind;
import io.mediamesh.testsupport.chromium.ChromiumBrowser;
import io.mediamesh.testsupport.chromium.Json;
import io.mediamesh.testsupport.chromium.ResultServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged gateway and media node, driven by real headless Chromium publishers (WHIP) and viewers (WHEP).
 * Each Chromium is its own process; the pages post their getStats() progress back to a {@link ResultServer}.
 * Every case uses its own room. On failure the last progress posts and the service log tails are printed.
 */
class WhipWhepEndToEndTest {
    private static final Path LOG_DIR = Path.of("target", "e2e-logs");
    private static final Duration CONNECT = Duration.ofSeconds(25);
    private static final Duration MEDIA = Duration.ofSeconds(30);

    private static PlatformProcess platform;
    private static ResultServer pages;
    private static final List<String> keysOfCurrentTest = new ArrayList<>();
    private static final List<ChromiumBrowser> browsers = new ArrayList<>();

    @RegisterExtension
    static final TestWatcher DIAGNOSTICS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            StringBuilder out = new StringBuilder("==== diagnostics for " + context.getDisplayName() + " ====\n");
            if (pages != null) {
                keysOfCurrentTest.forEach(key -> out.append(pages.describe(key, 4)).append('\n'));
            }
            if (platform != null) {
                out.append(platform.logTails());
            }
            out.append("Chromium logs: ").append(LOG_DIR.toAbsolutePath()).append("/chromium-*.log\n");
            System.err.println(out);
        }
    };

    @BeforeAll
    static void startPlatform() {
        pages = ResultServer.start("pages");
        platform = PlatformProcess.start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (pages != null) {
            pages.close();
        }
    }

    @BeforeEach
    void forgetThePreviousTest() {
        // Cleared here, not after each test: the watcher reports failures after @AfterEach has run.
        keysOfCurrentTest.clear();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(ChromiumBrowser::close);
        browsers.clear();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vp8, video/VP8", "h264, video/H264"})
    void viewerPlaysThePublishersVideoAndAudio(String codec, String mimeType) {
        String room = "room-" + codec;
        startPublisher(room, "pub", codec, codec + "-publisher", null);
        awaitPublishing(codec + "-publisher");
        startViewer(room, "viewer", codec + "-viewer");

        Json viewer = progress(codec + "-viewer", MEDIA, "60 decoded frames and played audio",
                j -> j.number("framesDecoded") >= 60 && j.number("audioPacketsReceived") > 0
                        && j.number("totalSamplesReceived") > 0);

        assertThat(viewer.string("connectionState")).isEqualTo("connected");
        assertThat(viewer.string("videoCodec")).isEqualTo(mimeType);
        assertThat(viewer.number("frameWidth")).as("%s", viewer).isGreaterThan(0);
        progress(codec + "-viewer", Duration.ofSeconds(10), "audioLevel > 0 (the fake microphone beeps)",
                j -> j.number("audioLevel") > 0);
    }

    /**
     * Opus RED (RFC 2198) in the answers: a viewer that offered RED gets it negotiated, one that did not gets plain
     * Opus; both hear the publisher's beeps. (Chromium 156 does not send RED itself, even when RED leads its offer and
     * our answer; what the node does with RED it receives is covered by OutgoingStreamRedTest's byte vectors.)
     */
    @Test
    void viewersWithAndWithoutOpusRedBothHearThePublisher() {
        String room = "room-red";
        startPublisher(room, "pub", "vp8", "red-publisher", null);
        awaitPublishing("red-publisher");
        startViewer(room, "viewer-red", "red-viewer", Map.of());
        startViewer(room, "viewer-opus", "opus-viewer", Map.of("noRed", "1"));
        Json withRed = progress("red-viewer", MEDIA, "audioLevel > 0", j -> j.number("audioLevel") > 0);
        Json withoutRed = progress("opus-viewer", MEDIA, "audioLevel > 0", j -> j.number("audioLevel") > 0);
        System.out.println("audio RED: viewer offering RED plays " + withRed.string("audioCodec") + " (audioLevel "
                + withRed.number("audioLevel") + "), viewer without RED " + withoutRed.string("audioCodec")
                + " (audioLevel " + withoutRed.number("audioLevel") + ")");
        assertThat(withoutRed.string("audioCodec")).isEqualToIgnoringCase("audio/opus");
    }

    /**
     * Legacy simulcast: Chromium's offer munged the pre-rid way (a=ssrc-group:SIM of three SSRCs, no rids) sends up to
     * three encodings (a quarter, half and all of the width); the node makes one layer per SSRC of the group (answering
     * as a "conference"), and the viewer plays the widest sent, which the first SSRC (a quarter) alone could not give.
     */
    @Test
    void legacySsrcGroupSimulcastIsTakenLayerByLayer() {
        String room = "room-sim";
        Map<String, String> query = new LinkedHashMap<>();
        query.put("gw", platform.gatewayUrl().toString());
        query.put("token", platform.token(TokenKind.WHIP, room, "pub"));
        query.put("codec", "vp8");
        query.put("key", "sim-publisher");
        query.put("legacySimulcast", "1");
        keysOfCurrentTest.add("sim-publisher");
        // Chrome sends three layers of a 640x360 camera only with the legacy layer limit off (real-clients guide).
        browsers.add(ChromiumBrowser.launch(pages.pageUri("publisher.html", query), LOG_DIR,
                List.of("--force-fieldtrials=WebRTC-LegacySimulcastLayerLimit/Disabled/")));
        // Three when Chrome's uplink estimate allows, but a loaded machine can hold the top one back for long: two
        // distinct sizes already prove it, as the first SSRC alone carries only the smallest.
        Json publisher = progress("sim-publisher", CONNECT, "encodings of at least two sizes sent",
                j -> j.get("videoWidths") instanceof List<?> widths && new java.util.HashSet<>(widths).size() >= 2);
        startViewer(room, "viewer", "sim-viewer");
        // Against the publisher's latest post: Chrome may add or drop its top encoding meanwhile.
        Json viewer = progress("sim-viewer", MEDIA, "the widest encoding sent decoded",
                j -> j.number("framesDecoded") >= 30 && j.number("frameWidth") >= widestSent("sim-publisher"));
        System.out.println("legacy simulcast: publisher encodes " + publisher.get("videoWidths") + " at first, "
                + latestPost("sim-publisher").get("videoWidths") + " now, viewer decodes " + viewer.number("frameWidth")
                + " wide");
    }

    private static Json latestPost(String key) {
        return Json.parse(pages.latest(key).orElseThrow());
    }

    private static double widestSent(String publisherKey) {
        return latestPost(publisherKey).get("videoWidths") instanceof List<?> widths
                ? widths.stream().mapToDouble(w -> ((Number) w).doubleValue()).max().orElse(Double.MAX_VALUE)
                : Double.MAX_VALUE;
    }

    @Test
    void twoViewersOfOnePublisherBothDecode() {
        String room = "room-fanout";
        startPublisher(room, "pub", "vp8", "fanout-publisher", null);
        awaitPublishing("fanout-publisher");
        startViewer(room, "viewer-1", "fanout-viewer-1");
        startViewer(room, "viewer-2", "fanout-viewer-2");

        for (String key : List.of("fanout-viewer-1", "fanout-viewer-2")) {
            Json viewer = progress(key, MEDIA, "60 decoded frames", j -> j.number("framesDecoded") >= 60);
            assertThat(viewer.string("connectionState")).isEqualTo("connected");
            assertThat(viewer.string("videoCodec")).isEqualTo("video/VP8");
        }
    }

    @Test
    void viewerSurvivesThePublisherLeavingAndPlaysTheNextPublisher() throws InterruptedException {
        String room = "room-handover";
        ChromiumBrowser first = startPublisher(room, "pub-1", "vp8", "handover-publisher-1", 12_000L);
        awaitPublishing("handover-publisher-1");
        startViewer(room, "viewer", "handover-viewer");
        progress("handover-viewer", MEDIA, "30 frames from the first publisher",
                j -> j.number("framesDecoded") >= 30);

        Json stopped = progress("handover-publisher-1", MEDIA, "the first publisher to stop",
                j -> j.isTrue("stopped"));
        assertThat(stopped.number("deleteStatus")).as("DELETE of the WHIP resource: %s", stopped).isEqualTo(200);
        first.close();

        // Packets in flight and the jitter buffer drain within a second or two; then nothing more may arrive.
        Thread.sleep(2_500);
        Json idle = nextProgress("handover-viewer");
        Thread.sleep(2_000);
        Json stillIdle = nextProgress("handover-viewer");
        assertThat(stillIdle.string("connectionState")).as("viewer after the publisher left: %s", stillIdle)
                .isEqualTo("connected");
        assertThat(stillIdle.number("framesDecoded") - idle.number("framesDecoded"))
                .as("frames decoded while the room had no publisher: %s then %s", idle, stillIdle)
                .isLessThanOrEqualTo(2);

        double before = stillIdle.number("framesDecoded");
        int from = pages.count("handover-viewer");
        startPublisher(room, "pub-2", "vp8", "handover-publisher-2", null);
        Json resumed = pages.awaitJsonAfter("handover-viewer", from, MEDIA,
                failFastOnError("handover-viewer", j -> j.number("framesDecoded") >= before + 30));
        assertThat(resumed.string("connectionState")).isEqualTo("connected");
    }

    @Test
    void badTokensAndBadRequestsAreRejected() {
        String key = "bad-token-viewer";
        keysOfCurrentTest.add(key);
        launch("viewer.html", Map.of("gw", platform.gatewayUrl().toString(), "token", "not-a-token", "key", key));
        Json result = Json.parse(pages.await(key, CONNECT));
        assertThat(result.number("status")).as("viewer with a garbage token: %s", result).isEqualTo(401);

        String whipToken = platform.token(TokenKind.WHIP, "room-errors", "pub");
        HttpResponse<String> wrongKind = postSdp("/whep/endpoint", whipToken, OFFER);
        assertThat(wrongKind.statusCode()).as("WHEP with a WHIP token: %s", wrongKind.body()).isEqualTo(403);
        assertThat(Json.parse(wrongKind.body()).get("status")).isEqualTo(false);

        HttpResponse<String> garbage = postSdp("/whip/endpoint", whipToken, "this is not an SDP offer");
        assertThat(garbage.statusCode()).as("WHIP with a malformed offer: %s", garbage.body()).isEqualTo(400);
        assertThat(Json.parse(garbage.body()).get("status")).isEqualTo(false);
    }

    private ChromiumBrowser startPublisher(String room, String peer, String codec, String key, Long stopAfterMs) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("gw", platform.gatewayUrl().toString());
        query.put("token", platform.token(TokenKind.WHIP, room, peer));
        query.put("codec", codec);
        query.put("key", key);
        if (stopAfterMs != null) {
            query.put("stopAfterMs", stopAfterMs.toString());
        }
        keysOfCurrentTest.add(key);
        return launch("publisher.html", query);
    }

    private ChromiumBrowser startViewer(String room, String peer, String key) {
        return startViewer(room, peer, key, Map.of());
    }

    private ChromiumBrowser startViewer(String room, String peer, String key, Map<String, String> options) {
        Map<String, String> query = new LinkedHashMap<>(options);
        query.put("gw", platform.gatewayUrl().toString());
        query.put("token", platform.token(TokenKind.WHEP, room, peer));
        query.put("key", key);
        keysOfCurrentTest.add(key);
        return launch("viewer.html", query);
    }

    private ChromiumBrowser launch(String page, Map<String, String> query) {
        ChromiumBrowser browser = ChromiumBrowser.launch(pages.pageUri(page, query), LOG_DIR);
        browsers.add(browser);
        return browser;
    }

    /** The publisher is connected and its encoder runs, so a viewer that joins now has a stream to play. */
    private void awaitPublishing(String key) {
        progress(key, CONNECT, "the publisher to connect and send video",
                j -> "connected".equals(j.string("connectionState")) && j.number("framesEncoded") > 0
                        && j.number("videoPacketsSent") > 0 && j.number("audioPacketsSent") > 0);
    }

    private Json progress(String key, Duration timeout, String what, Predicate<Json> condition) {
        try {
            return pages.awaitJson(key, timeout, failFastOnError(key, condition));
        } catch (AssertionError e) {
            throw new AssertionError("waiting for " + what + ": " + e.getMessage(), e);
        }
    }

    /** The first progress post from now on (the pages post every 500 ms). */
    private Json nextProgress(String key) {
        return pages.awaitJsonAfter(key, pages.count(key), Duration.ofSeconds(5), failFastOnError(key, j -> true));
    }

    /** A page that reports an error will not make progress any more, so waiting longer is pointless. */
    private static Predicate<Json> failFastOnError(String key, Predicate<Json> condition) {
        return j -> {
            if (j.has("error")) {
                throw new AssertionError("page " + key + " reported an error: " + j);
            }
            return condition.test(j);
        };
    }

    private HttpResponse<String> postSdp(String path, String token, String sdp) {
        URI uri = platform.gatewayUrl().resolve(path);
        return platform.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(sdp)).build());
    }

    /** A well-formed receive-only offer shaped like Chromium's, for requests that must fail before SDP matters. */
    private static final String OFFER = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "a=extmap-allow-mixed",
            "a=msid-semantic: WMS",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:e2eT",
            "a=ice-pwd:e2eTestPasswordOf24Chars",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 "
                    + "3A:1F:5C:9B:0E:77:D2:41:8C:6A:B3:20:F9:15:E4:7D:C8:02:5B:96:AE:31:4F:D7:60:8B:19:C5:E2:3D:74:AF",
            "a=setup:actpass",
            "a=mid:0",
            "a=recvonly",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:e2eT",
            "a=ice-pwd:e2eTestPasswordOf24Chars",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 "
                    + "3A:1F:5C:9B:0E:77:D2:41:8C:6A:B3:20:F9:15:E4:7D:C8:02:5B:96:AE:31:4F:D7:60:8B:19:C5:E2:3D:74:AF",
            "a=setup:actpass",
            "a=mid:1",
            "a=recvonly",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "");
}
