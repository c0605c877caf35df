package io.mediamesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mediamesh.e2e.PlatformProcess.TokenKind;
import io.mediamesh.testsupport.chromium.ChromiumDevTools;
import io.mediamesh.testsupport.chromium.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WebRTC SDK end to end: two media nodes, the gateway and the signalling service as separate JVMs, and three
 * headless Chromiums using the real JS SDK served by the gateway. Each peer publishes a canvas of its own colour and
 * size, so what a receiver decodes tells whose video it is. The cases build on each other: three peers on two nodes
 * see each other (auto subscription), a receiver switches from one peer to another with no renegotiation, a
 * receiver is disabled and enabled, and a peer leaving takes its tracks away everywhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkEndToEndTest {
    private static final Path LOG_DIR = Path.of("target", "e2e-logs");
    private static final Duration CONNECT = Duration.ofSeconds(40);
    private static final Duration MEDIA = Duration.ofSeconds(40);
    private static final String ROOM = "sdk-room";

    /** Peer name → its colour, as peer.js's colour classifier names it, and canvas size. */
    private record Peer(String name, String colour, int r, int g, int b, int width, int height) {
    }

    private static final Peer P1 = new Peer("p1", "red", 255, 0, 0, 480, 270);
    private static final Peer P2 = new Peer("p2", "blue", 0, 0, 255, 640, 360);
    private static final Peer P3 = new Peer("p3", "green", 0, 255, 0, 320, 180);

    private static ClusterProcess cluster;
    private static String script;
    private static final Map<String, ChromiumDevTools> browsers = new LinkedHashMap<>();
    private static final Map<String, String> peerNodes = new LinkedHashMap<>();
    private static boolean allConnected;
    private static String switchedMid;

    @RegisterExtension
    static final SdkPageDiagnostics DIAGNOSTICS = new SdkPageDiagnostics(browsers, () -> cluster);

    @BeforeAll
    static void startCluster() throws IOException {
        try (InputStream in = SdkEndToEndTest.class.getResourceAsStream("/sdk/peer.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long launched = System.nanoTime();
        cluster = ClusterProcess.startWithSignaling(2);
        System.out.println("SDK cluster start-up (2 nodes + gateway + signalling): "
                + (System.nanoTime() - launched) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stopCluster() {
        browsers.values().forEach(ChromiumDevTools::close);
        browsers.clear();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void threePeersOnTwoNodesSeeEachOthersVideo() {
        Set<String> nodes = new HashSet<>();
        String node1 = start(P1);
        nodes.add(node1);
        // The node selector goes by the load the nodes report every 2 s: once p1's sessions show on its node, the
        // next peer goes to the other one.
        cluster.gateway().awaitNodeSessions(node1, 1, CONNECT);
        String node2 = start(P2);
        assertThat(node2).as("p2 on the other, less loaded node").isNotEqualTo(node1);
        nodes.add(node2);
        nodes.add(start(P3));
        assertThat(nodes).as("peers on two media nodes").hasSize(2);

        for (Peer peer : List.of(P1, P2, P3)) {
            List<Peer> others = new ArrayList<>(List.of(P1, P2, P3));
            others.remove(peer);
            Json state = await(peer, "decoding both other peers' video, each in its own colour", j -> {
                List<Map<String, Object>> slots = slots(j);
                return others.stream().allMatch(other -> slots.stream().anyMatch(s -> other.name.equals(s.get("peer"))
                        && other.colour.equals(s.get("colour")) && number(s, "framesDecoded") >= 30
                        && number(s, "frameWidth") == other.width));
            });
            System.out.println(peer.name + " (" + peer.colour + ") decodes: " + slots(state));
        }
        Json late = browsers.get(P3.name).evaluateJson("window.mm.all()");
        System.out.println("SDK connect -> first remote frame decoded (p3, joining a room with two publishers): "
                + late.number("firstRemoteFrameMs") + " ms");
        allConnected = true;
    }

    @Test
    @Order(2)
    void aReceiverSwitchesFromOnePeerToAnotherWithoutRenegotiation() {
        assumeTrue(allConnected, "needs the three peers of the first case");
        ChromiumDevTools p1 = browsers.get(P1.name);
        Json attached = p1.evaluateJson("window.mm.receive('p2', 'camera')");
        assertThat(attached.string("state")).isEqualTo("active");
        String mid = attached.string("mid");
        Json blue = awaitSlot(P1, mid, "p2's blue video", s -> "blue".equals(s.string("colour"))
                && s.number("framesDecoded") >= 30 && s.number("frameWidth") == P2.width);
        double before = blue.number("framesDecoded");

        Json switched = p1.evaluateJson("window.mm.switchTo('" + mid + "', 'p3', 'camera', 'green')"
                + ".then(state => ({state}))");
        assertThat(switched.string("state")).isEqualTo("active");
        Json green = awaitSlot(P1, mid, "the same receiver decoding p3's green video",
                s -> "green".equals(s.string("colour")) && s.number("framesDecoded") >= before + 30
                        && s.number("frameWidth") == P3.width && s.number("switchMs") > 0);
        assertThat(green.string("mid")).isEqualTo(mid);
        System.out.println("SDK receiver switch p2 -> p3: first frame of the new source shown after "
                + green.number("switchMs") + " ms (" + green + ")");
        switchedMid = mid;
    }

    @Test
    @Order(3)
    void disablingAReceiverStopsTheFlowAndEnablingRestartsIt() throws InterruptedException {
        assumeTrue(switchedMid != null, "needs the switched receiver of the previous case");
        ChromiumDevTools p1 = browsers.get(P1.name);
        Json disabled = p1.evaluateJson("window.mm.config('" + switchedMid + "', {enabled: false})");
        assertThat(disabled.string("state")).isEqualTo("inactive");
        Thread.sleep(500);
        double stopped = slot(P1, switchedMid).number("bytesReceived");
        Thread.sleep(1500);
        assertThat(slot(P1, switchedMid).number("bytesReceived")).as("no media while disabled").isEqualTo(stopped);

        Json enabled = p1.evaluateJson("window.mm.config('" + switchedMid + "', {enabled: true})");
        assertThat(enabled.string("state")).isEqualTo("active");
        double frames = slot(P1, switchedMid).number("framesDecoded");
        awaitSlot(P1, switchedMid, "frames again after enabling", s -> s.number("framesDecoded") >= frames + 30
                && "green".equals(s.string("colour")));
    }

    @Test
    @Order(4)
    void aPeerLeavingTakesItsTracksAwayEverywhere() {
        assumeTrue(allConnected, "needs the three peers of the first case");
        browsers.get(P3.name).evaluate("window.mm.leave().then(() => true)");
        for (Peer peer : List.of(P1, P2)) {
            await(peer, "p3 and its tracks to be gone", j -> {
                List<?> peers = (List<?>) j.get("peers");
                List<?> tracks = (List<?>) j.get("tracks");
                return !peers.contains("p3") && tracks.stream().noneMatch(t -> String.valueOf(t).startsWith("p3/"));
            });
        }
        if (switchedMid != null) {
            awaitSlot(P1, switchedMid, "the receiver on p3's camera to wait for it",
                    s -> "waiting".equals(s.string("state")));
        }
        Json roomPeers = cluster.gateway().adminGet("rooms/" + ROOM + "/peers");
        assertThat(roomPeers.toString()).contains("p1", "p2").doesNotContain("\"p3\"");
    }

    @Test
    @Order(5)
    void theVideoRoomDemoPageJoinsAndPublishesThroughTheSdk() {
        assumeTrue(allConnected, "needs p1 of the first case in the room");
        // p2's browser (p2 stays in the room until its page is replaced) opens the conference demo page as a person
        // would: the app secret, the room, a name, Join. Its fake camera must reach p1, and p1's camera its grid.
        ChromiumDevTools page = browsers.get(P2.name);
        page.navigate(cluster.gatewayUrl().resolve("/samples/room/"));
        page.fill("#secret", cluster.secret());
        page.fill("#room", ROOM);
        page.fill("#peer", "visitor");
        page.click("#join");
        page.awaitJson("({state: document.getElementById('status').dataset.state,"
                + " text: document.getElementById('status').textContent})", CONNECT,
                j -> {
                    if ("failed".equals(j.string("state"))) {
                        throw new AssertionError("the room page failed: " + j);
                    }
                    return "connected".equals(j.string("state"));
                });
        page.awaitJson("(async () => { const tiles = window.mediamesh.tiles();"
                + " const video = [...document.querySelectorAll('.tile video')];"
                + " return {tiles, widths: video.map(v => v.videoWidth)}; })()", MEDIA,
                j -> j.get("tiles").toString().contains("peer=p1") && j.get("widths").toString().contains("480"));
        await(P1, "the visitor's camera decoded", j -> slots(j).stream().anyMatch(s -> "visitor".equals(s.get("peer"))
                && number(s, "framesDecoded") >= 30));
    }

    @Test
    @Order(6)
    void vp8SimulcastReceiversGetTheLayerTheirRangeAllows() {
        simulcast("hd", "vp8", 640, 360);
    }

    @Test
    @Order(7)
    void h264SimulcastReceiversGetTheLayerTheirRangeAllows() {
        simulcast("hd264", "h264", 320, 180);
    }

    /**
     * Publisher-side control across nodes: p1 publishes a VP8 simulcast camera (640x360, three layers) that p2, on the
     * other node, receives automatically and limits to the lowest layer. Nobody in the room wants the two higher layers
     * then, so p1's SDK is told to switch them off (p2's want reaches p1's node as overlay feedback, and p1's
     * signalling through the cluster). Raising p2's maxSpatial to 2 brings them back, and p2 decodes a wider layer.
     */
    @Test
    @Order(8)
    void layersNobodyWatchesArePausedAtThePublisherAndComeBackWhenAsked() {
        assumeTrue(allConnected, "needs the peers of the first case in the room");
        ChromiumDevTools p1 = browsers.get(P1.name);
        ChromiumDevTools p2 = browsers.get(P2.name);
        // p2's browser became the demo page's visitor in case 5 (a receiver with no limit), and p3 left in case 4:
        // p2 joins again, on the less loaded node, which is not p1's.
        String p2Node = join(P2, p2);
        System.out.println("publisher-side control: p1 on node " + nodeOf(P1) + ", p2 on " + p2Node);
        Json published = p1.evaluateJson("window.mm.publishSimulcast('dyn', [255, 0, 0], 640, 360, 'vp8')");
        assertThat(published.number("encodings")).isEqualTo(3);
        String mid = p2.awaitJson("({mid: window.mm.receiverOf('p1', 'dyn')})", MEDIA, j -> j.get("mid") != null)
                .string("mid");
        p2.evaluateJson("window.mm.config('" + mid + "', {maxSpatial: 0}).then(() => ({}))");
        long limited = System.nanoTime();
        Json paused;
        try {
            paused = p1.awaitJson("window.mm.senderLayers('dyn')", MEDIA, j -> j.number("activeLayers") == 1);
        } finally {
            System.out.println("publisher-side control: p1's layers while p2 asks for layer 0: "
                    + p1.evaluate("window.mm.layerStats('dyn').then(l => JSON.stringify(l))"));
        }
        System.out.println("publisher-side control: the only receiver at maxSpatial 0 -> p1 sends 1 of 3 encodings "
                + "after " + (System.nanoTime() - limited) / 1_000_000 + " ms (" + paused + ")");
        assertThat(paused.get("active")).as("encodings active at p1").isEqualTo(List.of(true, false, false));
        awaitSlot(P2, mid, "p2 decoding the 160-wide layer while the others are off",
                s -> s.number("frameWidth") == 160 && s.number("framesDecoded") >= 10);

        Json raised;
        try {
            raised = p2.evaluateJson("window.mm.config('" + mid + "', {maxSpatial: 2})"
                    + ".then(() => window.mm.widthReached('" + mid + "', 320, 20000)).then(ms => ({ms}))");
        } finally {
            System.out.println("publisher-side control: after p2's maxSpatial 0 -> 2, p1 " + p1.evaluateJson(
                    "window.mm.senderLayers('dyn')") + ", layers " + p1.evaluate(
                    "window.mm.layerStats('dyn').then(l => JSON.stringify(l))") + "; p2 " + slot(P2, mid));
        }
        Json resumed = p1.evaluateJson("window.mm.senderLayers('dyn')");
        System.out.println("publisher-side control: p2 decodes at least 320 wide " + raised.number("ms")
                + " ms after asking");
        assertThat(resumed.number("activeLayers")).as("p1 sends all three again").isEqualTo(3);
        // Includes the want's way to p1 (overlay feedback, cluster topic, signalling), Chrome re-enabling the encoders
        // with its own bandwidth ramp, and the keyframe of the new layer.
        assertThat(raised.number("ms")).as("p2 gets a wider layer within 8 s").isLessThan(8000);
        p1.evaluate("window.mm.stopSender('dyn')");
    }

    /**
     * The admin API's kick of an SDK peer: its page is told why and its signalling socket closes (code 4000 with the
     * reason), the others see it leave, and the room's peer list no longer has it.
     */
    @Test
    @Order(9)
    void aPeerKickedThroughTheAdminApiIsToldWhyAndDisconnected() {
        assumeTrue(allConnected, "needs p1 and p2 of the first case in the room");
        long kickedAt = System.nanoTime();
        Json kicked = cluster.gateway().adminDelete("rooms/" + ROOM + "/peers/p2");
        assertThat(kicked.get("data")).as("DELETE p2: %s", kicked).isInstanceOf(Map.class);
        Json ending = browsers.get(P2.name).awaitJson("window.mm.ending()", Duration.ofSeconds(10),
                j -> j.has("kicked") && j.has("closed"));
        System.out.println("SDK kick: p2's page told and its socket closed after "
                + (System.nanoTime() - kickedAt) / 1_000_000 + " ms: " + ending);
        assertThat(ending.string("kicked")).isEqualTo("kicked through the admin API");
        assertThat(ending.get("closed")).isEqualTo(Map.of("code", 4000.0, "reason", "kicked through the admin API"));
        await(P1, "p2 to be gone", j -> !((List<?>) j.get("peers")).contains("p2"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String peers = cluster.gateway().adminGet("rooms/" + ROOM + "/peers").toString();
        while (peers.contains("p2") && System.nanoTime() < deadline) {
            sleep(250);
            peers = cluster.gateway().adminGet("rooms/" + ROOM + "/peers").toString();
        }
        assertThat(peers).as("the room's peers after the kick").contains("p1").doesNotContain("p2");
    }
    /**
     * p1 publishes a second camera of {@code width}x{@code height} in three layers (a quarter, half and all of the
     * width) with {@code codec} and receives it twice through the media node: receiver A limited to layer 0 decodes the
     * quarter-width frames while receiver B, unlimited, decodes the widest layer Chrome sends (full width in most
     * runs, at least the half); raising A's maxSpatial to 2 brings it to B's width within 2 s. With VP8 each encoding
     * carries three temporal layers (L1T3), and A's maxTemporal 0 cuts its frame rate to the base layer's while B
     * keeps the full rate. (With a 1280x720 source the top layer needs Chrome's estimate above about 1.5 Mbps, which two loaded
     * cores do not always give it within the test's time: one run in six stayed "bandwidth limited". The layer logic
     * is the same at any size; below 960x540 Chrome needs the LegacySimulcastLayerLimit field trial off to send three
     * layers, see {@link #start}.)
     */
    private void simulcast(String name, String codec, int width, int height) {
        int low = width / 4;
        // Chrome decides which encodings it sends from its own uplink estimate: on two loaded cores its top encoding
        // sometimes stays off ("bandwidth", with 0.9-1.2 Mbps estimated and no loss). B must play the widest layer
        // Chrome sends, at least the half, and A must rise to it; the log says when the top layer was withheld.
        assumeTrue(allConnected, "needs p1 of the first case in the room");
        ChromiumDevTools p1 = browsers.get(P1.name);
        Json published = p1.evaluateJson("window.mm.publishSimulcast('" + name + "', [255, 0, 0], " + width + ", "
                + height + ", '" + codec + "')");
        assertThat(published.number("encodings")).isEqualTo(3);
        String a = p1.evaluateJson("window.mm.receive('p1', '" + name + "', {maxSpatial: 0})").string("mid");
        String b = p1.evaluateJson("window.mm.receive('p1', '" + name + "')").string("mid");
        try {
            awaitSlot(P1, a, "receiver A (maxSpatial 0) decoding the " + low + "-wide " + codec + " layer",
                    s -> s.number("frameWidth") == low && s.number("framesDecoded") >= 30);
            awaitSlot(P1, b, "receiver B (no limit) decoding at least the " + width / 2 + "-wide " + codec + " layer",
                    s -> s.number("frameWidth") >= width / 2 && s.number("framesDecoded") >= 30);
        } finally {
            System.out.println(codec + " simulcast layers sent by p1: " + p1.evaluate(
                    "window.mm.layerStats('" + name + "').then(l => JSON.stringify(l))"));
        }
        double frames = slot(P1, a).number("framesDecoded");
        int best = (int) slot(P1, b).number("frameWidth");
        if (best < width) {
            System.out.println(codec + " simulcast: Chrome did not send the " + width + "-wide layer; B plays " + best);
        }
        Json raised = p1.evaluateJson("window.mm.config('" + a + "', {maxSpatial: 2})"
                + ".then(() => window.mm.widthReached('" + a + "', " + best + ", 10000)).then(ms => ({ms}))");
        System.out.println(codec + " simulcast: receiver A's maxSpatial 0 -> 2, decoded width " + low + " -> " + best
                + " after " + raised.number("ms") + " ms");
        assertThat(raised.number("ms")).as("A reaches B's layer within 2 s").isLessThan(2000);
        awaitSlot(P1, a, "A decoding on after the switch", s -> s.number("framesDecoded") >= frames + 30
                && s.number("frameWidth") >= best);
        if ("vp8".equals(codec)) {
            // Temporal layers (L1T3): maxTemporal 0 keeps A on the base layer, a quarter of the frames; B keeps all.
            p1.evaluateJson("window.mm.config('" + a + "', {maxTemporal: 0}).then(() => ({}))");
            Json base = awaitSlot(P1, a, "A at the base temporal layer's frame rate", s -> s.number("framesPerSecond")
                    > 0 && s.number("framesPerSecond") <= 0.6 * slot(P1, b).number("framesPerSecond"));
            System.out.println("vp8 temporal layers: A with maxTemporal 0 decodes " + base.number("framesPerSecond")
                    + " fps, B " + slot(P1, b).number("framesPerSecond") + " fps; layers "
                    + p1.evaluate("window.mm.layerStats('" + name + "').then(l => JSON.stringify(l))"));
            p1.evaluateJson("window.mm.config('" + a + "', {maxTemporal: 2}).then(() => ({}))");
            awaitSlot(P1, a, "A back at the full frame rate", s -> s.number("framesPerSecond")
                    >= 0.8 * slot(P1, b).number("framesPerSecond"));
        }
        // Three simulcast encoders are heavy for two cores: the layers go once the case is proven.
        p1.evaluate("window.mm.stopSender('" + name + "')");
    }

    // ---- helpers ----

    /** Launches a Chromium for {@code peer} on a gateway page, injects peer.js and starts it; returns its node. */
    private static String start(Peer peer) {
        // Chrome sends three simulcast layers only from 960x540 up unless this field trial is off (real-clients guide).
        ChromiumDevTools browser = ChromiumDevTools.launch(LOG_DIR,
                List.of("--force-fieldtrials=WebRTC-LegacySimulcastLayerLimit/Disabled/"));
        browsers.put(peer.name, browser);
        return join(peer, browser);
    }

    /** Opens the gateway page in {@code peer}'s browser, injects peer.js and starts it; returns its node. */
    private static String join(Peer peer, ChromiumDevTools browser) {
        browser.navigate(cluster.gatewayUrl().resolve("/samples/"));
        browser.evaluate(script);
        String token = cluster.gateway().token(TokenKind.WEBRTC, ROOM, peer.name);
        Json started = browser.evaluateJson("window.mm.start(location.origin, '" + token + "', [" + peer.r + ", "
                + peer.g + ", " + peer.b + "], " + peer.width + ", " + peer.height + ", 'auto')");
        System.out.println(peer.name + " joined on node " + started.string("node") + ": " + started);
        peerNodes.put(peer.name, started.string("node"));
        return started.string("node");
    }

    private static String nodeOf(Peer peer) {
        return peerNodes.get(peer.name);
    }

    private static Json await(Peer peer, String what, Predicate<Json> condition) {
        try {
            return browsers.get(peer.name).awaitJson("window.mm.all()", MEDIA, condition);
        } catch (AssertionError e) {
            throw new AssertionError(peer.name + " waiting for " + what + ": " + e.getMessage(), e);
        }
    }

    private static Json awaitSlot(Peer peer, String mid, String what, Predicate<Json> condition) {
        try {
            return browsers.get(peer.name).awaitJson("window.mm.slotStats('" + mid + "')", MEDIA, condition);
        } catch (AssertionError e) {
            throw new AssertionError(peer.name + " waiting for " + what + ": " + e.getMessage(), e);
        }
    }

    private static Json slot(Peer peer, String mid) {
        return browsers.get(peer.name).evaluateJson("window.mm.slotStats('" + mid + "')");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> slots(Json state) {
        return (List<Map<String, Object>>) state.get("slots");
    }

    private static double number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.doubleValue() : -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }
}
