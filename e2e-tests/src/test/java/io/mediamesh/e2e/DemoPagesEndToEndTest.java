package io.mediamesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.e2e.PlatformProcess.TokenKind;
import io.mediamesh.testsupport.chromium.ChromiumDevTools;
import io.mediamesh.testsupport.chromium.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The product's own demo pages, served by the packaged gateway, used the way the README tells a person to: open the
 * gateway, get tokens from the token form, publish the fake camera and microphone on {@code /samples/whip/}, play the
 * room on {@code /samples/whep/}, then stop both. Two headless Chromiums are driven over DevTools by clicking the
 * pages' own buttons; the pages' {@code window.mediamesh} hook is only read, never used to start anything.
 */
class DemoPagesEndToEndTest {
    private static final Path LOG_DIR = Path.of("target", "e2e-logs");
    private static final Duration CONNECT = Duration.ofSeconds(20);
    private static final Duration MEDIA = Duration.ofSeconds(25);
    private static final String ROOM = "demo-e2e";
    /** The page's state and its media counters in one object. */
    private static final String STATE_AND_STATS =
            "(async () => ({ state: window.mediamesh.state(), ...(await window.mediamesh.stats()) }))()";

    private static PlatformProcess platform;
    private static final List<ChromiumDevTools> browsers = new ArrayList<>();
    private static final List<String> browserDiagnostics = new ArrayList<>();

    @RegisterExtension
    static final TestWatcher DIAGNOSTICS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            StringBuilder out = new StringBuilder("==== diagnostics for " + context.getDisplayName() + " ====\n");
            browserDiagnostics.forEach(text -> out.append(text).append('\n'));
            if (platform != null) {
                out.append(platform.logTails());
            }
            System.err.println(out);
        }
    };

    @BeforeAll
    static void startPlatform() {
        platform = PlatformProcess.start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @BeforeEach
    void forgetThePreviousTest() {
        // Cleared here, not after each test: the watcher reports failures after @AfterEach has run.
        browserDiagnostics.clear();
    }

    @AfterEach
    void closeBrowsers() {
        for (ChromiumDevTools browser : browsers) {
            browserDiagnostics.add(browser.diagnostics());
            browser.close();
        }
        browsers.clear();
    }

    @Test
    void theRootRedirectsToTheSamplesIndex() {
        HttpResponse<String> root = platform.send(HttpRequest.newBuilder(platform.gatewayUrl().resolve("/"))
                .timeout(Duration.ofSeconds(10)).build());

        assertThat(root.statusCode()).as("GET /").isBetween(301, 308);
        assertThat(root.headers().firstValue("Location")).hasValue("/samples/");
    }

    @Test
    void chromiumPublishesOnTheWhipPageAndPlaysOnTheWhepPage() {
        ChromiumDevTools publisher = launch();
        publisher.navigate(platform.gatewayUrl().resolve("/"));
        assertThat(publisher.evaluate("location.pathname")).as("where / leads in a browser").isEqualTo("/samples/");
        URI whipPage = tokenLinkFromTheForm(publisher, "whip", "publisher");
        assertThat(whipPage.getPath()).isEqualTo("/samples/whip/");

        publisher.navigate(whipPage);
        assertThat(publisher.evaluate("document.getElementById('token').value")).as("token taken from the #hash")
                .asString().isNotBlank();
        publisher.click("#publish");
        Json publishing = await(publisher, CONNECT, "the publisher to connect and send audio and video",
                j -> "connected".equals(j.string("state")) && j.number("framesEncoded") > 0
                        && j.number("videoPacketsSent") > 0 && j.number("audioPacketsSent") > 0);
        assertThat(publishing.string("videoCodec")).isEqualTo("video/VP8");

        ChromiumDevTools viewer = launch();
        viewer.navigate(platform.gatewayUrl().resolve("/samples/"));
        URI whepPage = tokenLinkFromTheForm(viewer, "whep", "viewer");
        viewer.navigate(whepPage);
        viewer.click("#play");
        Json playing = await(viewer, MEDIA, "the viewer to decode 60 frames and to receive and play audio",
                j -> j.number("framesDecoded") >= 60 && j.number("audioPacketsReceived") > 0
                        && j.number("totalSamplesReceived") > 0);
        assertThat(playing.string("state")).isEqualTo("connected");
        assertThat(playing.string("videoCodec")).isEqualTo("video/VP8");
        assertThat(playing.string("audioCodec")).isEqualTo("audio/opus");
        assertThat(playing.number("frameWidth")).as("%s", playing).isGreaterThan(0);
        viewer.click("#unmute");
        assertThat(viewer.evaluate("document.getElementById('player').muted")).as("player muted after Unmute")
                .isEqualTo(false);

        String viewerSession = stopAndCheckTheDelete(viewer, "viewer");
        String publisherSession = stopAndCheckTheDelete(publisher, "publisher");
        for (String session : List.of(viewerSession, publisherSession)) {
            HttpResponse<String> again = platform.send(HttpRequest.newBuilder(URI.create(session))
                    .timeout(Duration.ofSeconds(10)).DELETE().build());
            assertThat(again.statusCode()).as("a second DELETE of %s: %s", session, again.body()).isEqualTo(404);
        }
    }

    /**
     * Fills the index page's token form as a person would (the app secret, the room, a peer name), clicks the WHIP
     * or WHEP token button, and returns the address of the link the page then offers.
     */
    private static URI tokenLinkFromTheForm(ChromiumDevTools browser, String kind, String peer) {
        assertThat(browser.evaluate("document.title")).isEqualTo("MediaMesh samples");
        browser.fill("#secret", platform.secret());
        browser.fill("#room", ROOM);
        browser.fill("#peer", peer);
        browser.click("button[data-kind='" + kind + "']");
        Json result = browser.awaitJson("({ href: document.querySelector('#result a')?.href ?? null,"
                        + " result: document.getElementById('result').textContent,"
                        + " token: document.getElementById('token').value })",
                CONNECT, j -> j.string("href") != null);
        assertThat(result.string("token")).as("token shown: %s", result).isNotBlank();
        assertThat(result.string("href")).contains("#token=" + result.string("token"));
        return URI.create(result.string("href"));
    }

    /** Clicks Stop, waits for the page to say "closed", and returns the session URL its DELETE answered 200 for. */
    private static String stopAndCheckTheDelete(ChromiumDevTools browser, String who) {
        browser.click("#stop");
        Json ended = browser.awaitJson("({ state: window.mediamesh.state(), ...window.mediamesh.lastSession() })",
                CONNECT, j -> "closed".equals(j.string("state")));
        assertThat(ended.number("deleteStatus")).as("DELETE of the %s's session: %s", who, ended).isEqualTo(200);
        assertThat(ended.string("url")).as("%s session URL", who).startsWith(platform.gatewayUrl().toString());
        return ended.string("url");
    }

    private static Json await(ChromiumDevTools browser, Duration timeout, String what, Predicate<Json> condition) {
        try {
            return browser.awaitJson(STATE_AND_STATS, timeout, j -> {
                if ("failed".equals(j.string("state"))) {
                    throw new AssertionError("the page failed: " + j + "; status line: "
                            + browser.evaluate("document.getElementById('status').textContent"));
                }
                return condition.test(j);
            });
        } catch (AssertionError e) {
            throw new AssertionError("waiting for " + what + ": " + e.getMessage(), e);
        }
    }

    private static ChromiumDevTools launch() {
        ChromiumDevTools browser = ChromiumDevTools.launch(LOG_DIR);
        browsers.add(browser);
        return browser;
    }
}
