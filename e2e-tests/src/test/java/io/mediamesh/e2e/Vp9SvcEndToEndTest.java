package io.mediamesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.e2e.PlatformProcess.TokenKind;
import io.mediamesh.testsupport.chromium.ChromiumDevTools;
import io.mediamesh.testsupport.chromium.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * VP9 SVC end to end: one media node, the gateway and the signalling service as separate JVMs, and one headless
 * Chromium using the real JS SDK. It publishes a 960x540 canvas as ONE VP9 encoding with {@code L3T3_KEY} (three
 * spatial layers, 240, 480 and 960 wide, in one RTP stream, told apart by the payload descriptor's SID) and receives
 * it twice through the node: receiver A limited to spatial layer 0 decodes the quarter-width frames, receiver B with
 * no limit decodes the widest layer Chrome sends (the full width in most runs, at least the half); raising A's
 * maxSpatial to 2 brings it to B's width within 2 s (the node asks for a key picture, where the higher layers can
 * start). A's maxTemporal 0 cuts its frame rate to the base layer's, and maxSpatial 0 again takes it back down at
 * the next picture. (960x540 is the smallest capture for which Chrome keeps three spatial layers: it drops spatial
 * layers under 240x135.)
 */
class Vp9SvcEndToEndTest {
    private static final Path LOG_DIR = Path.of("target", "e2e-logs");
    private static final Duration MEDIA = Duration.ofSeconds(40);
    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final String MODE = "L3T3_KEY";
    private static final Duration TOP_LAYER = Duration.ofSeconds(10);

    private static ClusterProcess cluster;
    private static ChromiumDevTools browser;

    @RegisterExtension
    static final TestWatcher DIAGNOSTICS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            StringBuilder out = new StringBuilder("==== diagnostics for " + context.getDisplayName() + " ====\n");
            if (browser != null) {
                out.append(browser.diagnostics()).append('\n');
                try {
                    out.append("state: ").append(browser.evaluateJson("window.mm.all()")).append('\n');
                    out.append("layers sent: ").append(browser.evaluate(
                            "window.mm.layerStats('svc').then(l => JSON.stringify(l))")).append('\n');
                } catch (RuntimeException | AssertionError e) {
                    out.append("state unavailable: ").append(e.getMessage()).append('\n');
                }
            }
            if (cluster != null) {
                out.append(cluster.logTails());
            }
            System.err.println(out);
        }
    };

    @BeforeAll
    static void start() throws IOException {
        String script;
        try (InputStream in = Vp9SvcEndToEndTest.class.getResourceAsStream("/sdk/peer.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long launched = System.nanoTime();
        cluster = ClusterProcess.startWithSignaling(1);
        System.out.println("VP9 SVC cluster start-up (1 node + gateway + signalling): "
                + (System.nanoTime() - launched) / 1_000_000 + " ms");
        browser = ChromiumDevTools.launch(LOG_DIR);
        browser.navigate(cluster.gatewayUrl().resolve("/samples/"));
        browser.evaluate(script);
        String token = cluster.gateway().token(TokenKind.WEBRTC, "svc-room", "p1");
        Json started = browser.evaluateJson("window.mm.start(location.origin, '" + token
                + "', [255, 0, 0], 160, 90, 'auto')");
        System.out.println("p1 joined on node " + started.string("node"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void receiversGetTheSpatialLayerTheirRangeAllowsAndRiseAtAKeyPicture() {
        String publishedText = String.valueOf(browser.evaluate("window.mm.publishSvc('svc', [255, 0, 0], " + WIDTH
                + ", " + HEIGHT + ", '" + MODE + "').then(r => JSON.stringify(r))"));
        System.out.println("VP9 SVC publish (what Chrome offers for VP9, what it took): " + publishedText);
        Json published = Json.parse(publishedText);
        assertThat(published.number("encodings")).as("one encoding").isEqualTo(1);
        assertThat(published.string("applied")).as("setParameters with " + MODE).isEqualTo("ok");
        assertThat(publishedText).as("Chrome offers " + MODE + " for VP9").contains(MODE);
        String a = browser.evaluateJson("window.mm.receive('p1', 'svc', {maxSpatial: 0})").string("mid");
        String b = browser.evaluateJson("window.mm.receive('p1', 'svc')").string("mid");
        int low = WIDTH / 4;
        // Chrome enables its spatial layers by its own uplink estimate: as with simulcast (SdkEndToEndTest), B must
        // play the widest layer Chrome sends, at least the half, and A must rise to it; the log says when the top layer
        // was withheld.
        try {
            awaitSlot(b, "receiver B (no limit) decoding at least the " + WIDTH / 2 + "-wide frames",
                    s -> s.number("frameWidth") >= WIDTH / 2 && s.number("framesDecoded") >= 30);
            awaitSlot(a, "receiver A (maxSpatial 0) decoding the " + low + "-wide layer",
                    s -> s.number("frameWidth") == low && s.number("framesDecoded") >= 30);
            // Chrome turns its top spatial layer on once its uplink estimate allows (a noisy canvas, tried to push the
            // estimate up, only starved two loaded cores: 6-11 fps and still no top layer), so it gets some time.
            try {
                browser.awaitJson("window.mm.slotStats('" + b + "')", TOP_LAYER,
                        s -> s.number("frameWidth") == WIDTH);
            } catch (AssertionError e) {
                System.out.println("VP9 SVC: no " + WIDTH + "-wide layer within " + TOP_LAYER);
            }
        } finally {
            System.out.println("VP9 SVC sent by p1: " + layers());
        }
        assertThat(layers()).as("one RTP stream in " + MODE).contains("\"scalabilityMode\":\"" + MODE + "\"");
        awaitSlot(a, "the node reporting A on spatial layer 0", s -> nodeLayer(s) == 0);
        System.out.println("VP9 SVC: A (maxSpatial 0) decodes " + (int) slot(a).number("frameWidth")
                + " wide, B (no limit) " + (int) slot(b).number("frameWidth") + " wide; node says A " + slot(a)
                .get("node") + ", B " + slot(b).get("node"));

        double frames = slot(a).number("framesDecoded");
        int best = (int) slot(b).number("frameWidth");
        if (best < WIDTH) {
            System.out.println("VP9 SVC: Chrome did not send the " + WIDTH + "-wide layer; B plays " + best);
        }
        // A must reach what B decodes (at least the half): on a loaded box Chrome sometimes turns its top layer off
        // between B's first full-width frames and the raise (one run: its uplink estimate fell from 2.5 Mbps to
        // 0.6 Mbps after a 0.44 s RTT spike), and B then falls to the half too.
        Json raised = browser.evaluateJson("window.mm.config('" + a + "', {maxSpatial: 2})"
                + ".then(() => window.mm.widthMatches('" + a + "', '" + b + "', " + WIDTH / 2 + ", 10000))");
        int reached = (int) raised.number("width");
        System.out.println("VP9 SVC: receiver A's maxSpatial 0 -> 2, decoded width " + low + " -> " + reached
                + " after " + raised.number("ms") + " ms (B decodes " + (int) raised.number("other") + ")");
        if (reached < best) {
            System.out.println("VP9 SVC: Chrome stopped its " + best + "-wide layer before the raise; B plays "
                    + (int) raised.number("other"));
        }
        assertThat(raised.number("ms")).as("A reaches B's width within 2 s").isLessThan(2000);
        awaitSlot(a, "A decoding on at B's width after the switch",
                s -> s.number("framesDecoded") >= frames + 30 && s.number("frameWidth") >= reached);
        int raisedLayer = reached >= WIDTH ? 2 : 1;
        awaitSlot(a, "the node reporting A on spatial layer " + raisedLayer, s -> nodeLayer(s) == raisedLayer);

        // Temporal layers (T3): maxTemporal 0 keeps A on the base layer, a quarter of the frames; B keeps them all.
        browser.evaluateJson("window.mm.config('" + a + "', {maxTemporal: 0}).then(() => ({}))");
        Json base = awaitSlot(a, "A at the base temporal layer's frame rate", s -> s.number("framesPerSecond") > 0
                && s.number("framesPerSecond") <= 0.35 * slot(b).number("framesPerSecond"));
        System.out.println("VP9 SVC temporal layers: A with maxTemporal 0 decodes " + base.number("framesPerSecond")
                + " fps at " + (int) base.number("frameWidth") + " wide, B " + slot(b).number("framesPerSecond")
                + " fps");
        browser.evaluateJson("window.mm.config('" + a + "', {maxTemporal: 2}).then(() => ({}))");
        awaitSlot(a, "A back at the full frame rate", s -> s.number("framesPerSecond")
                >= 0.8 * slot(b).number("framesPerSecond"));

        // Down again: at the next picture, no key picture needed (the base layer was forwarded all along).
        double before = slot(a).number("framesDecoded");
        Json lowered = browser.evaluateJson("window.mm.config('" + a + "', {maxSpatial: 0})"
                + ".then(() => window.mm.widthAtMost('" + a + "', " + low + ", 10000)).then(ms => ({ms}))");
        Json small = awaitSlot(a, "A down at the quarter width, decoding on, the node reporting layer 0",
                s -> s.number("frameWidth") == low && s.number("framesDecoded") >= before + 30 && nodeLayer(s) == 0);
        System.out.println("VP9 SVC: A's maxSpatial 2 -> 0, decoded width " + reached + " -> "
                + (int) small.number("frameWidth") + " after " + lowered.number("ms") + " ms; node says "
                + small.get("node"));
        assertThat(lowered.number("ms")).as("down within 2 s").isLessThan(2000);
    }

    /** The spatial layer the node says it forwards to this receiver (its receiver.stats, every 2 s), -1 if none. */
    private static int nodeLayer(Json slot) {
        return slot.get("node") instanceof java.util.Map<?, ?> node && node.get("layer") instanceof Number layer
                ? layer.intValue() : -1;
    }

    private static String layers() {
        return String.valueOf(browser.evaluate("window.mm.layerStats('svc').then(l => JSON.stringify(l))"));
    }

    private static Json awaitSlot(String mid, String what, Predicate<Json> condition) {
        try {
            return browser.awaitJson("window.mm.slotStats('" + mid + "')", MEDIA, condition);
        } catch (AssertionError e) {
            throw new AssertionError("waiting for " + what + ": " + e.getMessage(), e);
        }
    }

    private static Json slot(String mid) {
        return browser.evaluateJson("window.mm.slotStats('" + mid + "')");
    }
}
