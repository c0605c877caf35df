package io.mediamesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mediamesh.e2e.ClusterProcess.Link;
import io.mediamesh.e2e.OverlayView.Channel;
import io.mediamesh.e2e.OverlayView.Route;
import io.mediamesh.e2e.PlatformProcess.TokenKind;
import io.mediamesh.testsupport.chromium.ChromiumBrowser;
import io.mediamesh.testsupport.chromium.Json;
import io.mediamesh.testsupport.chromium.ResultServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Three media nodes A (z1-n1), B (z1-n2), C (z1-n3) and a gateway as separate JVMs on loopback, one Hazelcast
 * cluster, a full-mesh overlay whose direct link A–C carries a test-only one-way delay, so the best path from A
 * to C is A–B–C. Real Chromiums publish on A and play on C and B, talking to the nodes directly (not through the
 * gateway); the gateway serves tokens and the admin API. The cases run in order on one shared scenario: routes,
 * media through B, relay reuse, the admin API, and finally B's death and the re-route over A–C.
 *
 * <p>The pages come from the test's result server and call the nodes directly, across origins: the nodes answer
 * CORS for the WHIP/WHEP paths themselves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEndToEndTest {
    private static final Path LOG_DIR = Path.of("target", "e2e-logs");
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private static final Duration MEDIA = Duration.ofSeconds(40);
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 3;
    /**
     * The extra one-way delay on A–C. With four Chromiums and four JVMs on two cores, the overlay measured loopback
     * round trips of 80 to 90 ms on the undelayed links A–B and B–C, so with 60 ms (120 ms round trip) the two paths
     * tied and subscriptions flapped between them; 150 ms keeps A–B–C clearly the better path under that load.
     */
    private static final int DELAY_A_C_MILLIS = 150;
    private static final String ROOM = "cluster-room";
    /** How often the viewer whose freeze is timed posts its progress. */
    private static final int FINE_PROGRESS_MILLIS = 100;
    private static final Pattern CHANNEL_ID = Pattern.compile("\"channelId\"\\s*:\\s*(-?\\d+)");

    private static ClusterProcess cluster;
    private static ResultServer pages;
    private static long clusterReadyAt;
    private static final List<ChromiumBrowser> browsers = new ArrayList<>();
    private static final Set<String> keys = new LinkedHashSet<>();
    /** Set once the viewer on C plays the publisher on A; the later cases build on it. */
    private static boolean viewerOnCPlays;
    /** The 16-hex overlay channel ids of the publisher's tracks, from the cluster's track registry. */
    private static Set<String> channelIds = Set.of();

    @RegisterExtension
    static final TestWatcher DIAGNOSTICS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            StringBuilder out = new StringBuilder("==== diagnostics for " + context.getDisplayName() + " ====\n");
            if (pages != null) {
                keys.forEach(key -> out.append(pages.describe(key, 4)).append('\n'));
            }
            if (cluster != null) {
                for (int index = 1; index <= cluster.nodeCount(); index++) {
                    out.append("overlay of ").append(ClusterProcess.nodeName(index)).append(": ")
                            .append(overlayForDiagnostics(index)).append('\n');
                }
                out.append(cluster.logTails());
            }
            out.append("Chromium logs: ").append(LOG_DIR.toAbsolutePath()).append("/chromium-*.log\n");
            System.err.println(out);
        }
    };

    @BeforeAll
    static void startCluster() {
        pages = ResultServer.start("pages");
        long launchedAt = System.nanoTime();
        cluster = ClusterProcess.start(3, Map.of(new Link(A, C), DELAY_A_C_MILLIS));
        clusterReadyAt = System.nanoTime();
        System.out.println("cluster start-up (3 nodes + gateway, parallel): " + millisSince(launchedAt) + " ms");
    }

    @AfterAll
    static void stopCluster() {
        browsers.forEach(ChromiumBrowser::close);
        browsers.clear();
        if (cluster != null) {
            cluster.close();
        }
        if (pages != null) {
            pages.close();
        }
    }

    @Test
    @Order(1)
    void overlayRoutesAToCThroughBBecauseTheDirectLinkIsSlow() {
        String nodeA = ClusterProcess.nodeName(A);
        String nodeB = ClusterProcess.nodeName(B);
        String nodeC = ClusterProcess.nodeName(C);
        await(CONVERGENCE, "A's route to C and C's route to A to go through B", () -> {
            OverlayView a = adminOverlay(A);
            OverlayView c = adminOverlay(C);
            boolean done = a.route(nodeC).map(Route::nextHop).filter(nodeB::equals).isPresent()
                    && c.route(nodeA).map(Route::nextHop).filter(nodeB::equals).isPresent();
            return done ? Optional.of(a) : Optional.empty();
        }, () -> "A: " + adminOverlay(A) + "\nC: " + adminOverlay(C));
        System.out.println("overlay convergence (A->C via B, after every service was UP): "
                + millisSince(clusterReadyAt) + " ms");

        OverlayView a = adminOverlay(A);
        assertThat(a.self()).isEqualTo(nodeA);
        Route toC = a.route(nodeC).orElseThrow();
        assertThat(toC.hops()).as("A's route to C: %s", a).isEqualTo(2);
        assertThat(a.route(nodeB).orElseThrow().nextHop()).as("A's route to B: %s", a).isEqualTo(nodeB);
        System.out.println("A's overlay once converged: " + a);
    }

    @Test
    @Order(2)
    void viewerOnCPlaysThePublisherOnA() {
        startPublisher(A, "pub", "publisher-a");
        progress("publisher-a", CONNECT, "the publisher on A to connect and send video",
                j -> "connected".equals(j.string("connectionState")) && j.number("framesEncoded") > 0
                        && j.number("videoPacketsSent") > 0 && j.number("audioPacketsSent") > 0);
        startViewer(C, "viewer-1", "viewer-c-1", FINE_PROGRESS_MILLIS);

        Json viewer = progress("viewer-c-1", MEDIA, "60 decoded frames and played audio on C",
                j -> j.number("framesDecoded") >= 60 && j.number("audioPacketsReceived") > 0
                        && j.number("totalSamplesReceived") > 0);
        assertThat(viewer.string("connectionState")).isEqualTo("connected");
        assertThat(viewer.string("videoCodec")).isEqualTo("video/VP8");
        assertThat(viewer.number("frameWidth")).as("%s", viewer).isGreaterThan(0);
        viewerOnCPlays = true;
    }

    @Test
    @Order(3)
    void mediaGoesThroughBAndThePublisherSendsOneCopyPerNeighbour() {
        assumeTrue(viewerOnCPlays, "needs the viewer on C playing the publisher on A");
        channelIds = awaitPublisherChannels();
        String nodeA = ClusterProcess.nodeName(A);
        String nodeB = ClusterProcess.nodeName(B);
        String nodeC = ClusterProcess.nodeName(C);

        awaitChannels(B, "B to relay both tracks from A to C",
                ch -> nodeA.equals(ch.upstream()) && ch.downstreams().contains(nodeC));
        assertChannels(A, "A sends one copy, to B", ch -> ch.downstreams().equals(List.of(nodeB)));

        startViewer(C, "viewer-2", "viewer-c-2", null);
        startViewer(B, "viewer-3", "viewer-b-3", null);
        for (String key : List.of("viewer-c-2", "viewer-b-3")) {
            progress(key, MEDIA, "30 decoded frames", j -> j.number("framesDecoded") >= 30);
        }

        // Three viewers on two nodes, and still one copy leaves A: B serves its own viewer and forwards to C.
        assertChannels(A, "A still sends one copy, to B, with viewers on B and C",
                ch -> nodeA.equals(ch.source()) && ch.downstreams().equals(List.of(nodeB)));
        assertChannels(B, "B relays from A to C only", ch -> nodeA.equals(ch.upstream())
                && ch.downstreams().equals(List.of(nodeC)));
        assertChannels(C, "C receives from B", ch -> nodeB.equals(ch.upstream()) && ch.downstreams().isEmpty());
        for (int index : List.of(A, B, C)) {
            System.out.println("overlay of " + ClusterProcess.nodeName(index) + " with viewers on B and C: "
                    + adminOverlay(index));
        }
    }

    @Test
    @Order(4)
    void adminApiListsNodesRoomsAndPeersAndKicksAViewer() {
        assumeTrue(viewerOnCPlays, "needs the publisher and viewers of the earlier cases");
        GatewayClient gateway = cluster.gateway();

        List<Map<String, Object>> nodes = list(gateway.adminGet("nodes"));
        assertThat(nodes).extracting(n -> n.get("id")).containsExactlyInAnyOrder(
                ClusterProcess.nodeIdHex(A), ClusterProcess.nodeIdHex(B), ClusterProcess.nodeIdHex(C));
        for (Map<String, Object> node : nodes) {
            assertThat(node.get("zone")).as("%s", node).isEqualTo(1.0);
            int index = (int) Math.round((Double) node.get("index"));
            assertThat(node.get("httpUrl")).as("%s", node).isEqualTo(cluster.nodeUrl(index).toString());
            assertThat(node.get("draining")).as("%s", node).isEqualTo(false);
        }

        List<Map<String, Object>> rooms = list(gateway.adminGet("rooms"));
        assertThat(rooms).as("GET rooms").anySatisfy(room -> {
            assertThat(room.get("room")).isEqualTo(ROOM);
            assertThat(room.get("peers")).isEqualTo(4.0);
        });

        List<Map<String, Object>> peers = list(gateway.adminGet("rooms/" + ROOM + "/peers"));
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        peers.forEach(peer -> byName.put((String) peer.get("peer"), peer));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("pub", "viewer-1", "viewer-2", "viewer-3");
        Map<String, Object> publisher = byName.get("pub");
        assertThat(publisher.get("kind")).isEqualTo("WHIP");
        assertThat(publisher.get("node")).isEqualTo(ClusterProcess.nodeIdHex(A));
        List<Map<String, Object>> tracks = objects(publisher.get("tracks"));
        assertThat(tracks).as("publisher tracks: %s", publisher).extracting(t -> t.get("kind"))
                .containsExactlyInAnyOrder("AUDIO", "VIDEO");
        assertThat(tracks).extracting(t -> t.get("sourceNode")).containsOnly(ClusterProcess.nodeIdHex(A));
        assertThat(byName.get("viewer-1")).containsEntry("kind", "WHEP")
                .containsEntry("node", ClusterProcess.nodeIdHex(C));
        assertThat(byName.get("viewer-2")).containsEntry("kind", "WHEP")
                .containsEntry("node", ClusterProcess.nodeIdHex(C));
        assertThat(byName.get("viewer-3")).containsEntry("kind", "WHEP")
                .containsEntry("node", ClusterProcess.nodeIdHex(B));

        Json kicked = gateway.adminDelete("rooms/" + ROOM + "/peers/viewer-2");
        assertThat(kicked.get("data")).as("DELETE viewer-2: %s", kicked).isInstanceOf(Map.class);
        await(SETTLE, "viewer-2 to disappear from GET peers", () -> {
            List<Map<String, Object>> now = list(gateway.adminGet("rooms/" + ROOM + "/peers"));
            return now.stream().noneMatch(p -> "viewer-2".equals(p.get("peer"))) ? Optional.of(now)
                    : Optional.empty();
        }, () -> gateway.adminGet("rooms/" + ROOM + "/peers").toString());
        assertThat(list(gateway.adminGet("rooms/" + ROOM + "/peers"))).extracting(p -> p.get("peer"))
                .containsExactlyInAnyOrder("pub", "viewer-1", "viewer-3");
    }

    @Test
    @Order(5)
    void viewerOnCResumesOverTheDirectLinkWhenBDies() {
        assumeTrue(viewerOnCPlays, "needs the viewer on C playing the publisher on A");
        String key = "viewer-c-1";
        nextProgress(key);
        int from = pages.count(key);
        Json beforeKill = Json.parse(pages.all(key).get(from - 1));
        long killedAt = System.nanoTime();
        cluster.kill(B);

        FreezeMeter meter = new FreezeMeter(beforeKill.number("framesDecoded"), beforeKill.number("t"));
        long deadline = killedAt + Duration.ofSeconds(10).toNanos();
        int seen = from;
        while (System.nanoTime() < deadline && meter.framesSinceFault() < 30) {
            List<String> posts = pages.all(key);
            for (; seen < posts.size(); seen++) {
                Json post = Json.parse(posts.get(seen));
                if (post.has("error")) {
                    throw new AssertionError("viewer on C reported an error after B died: " + post);
                }
                meter.add(millisSince(killedAt), post.number("t"), post.number("framesDecoded"));
            }
            sleep(50);
        }
        meter.finish(millisSince(killedAt));
        System.out.println("re-route resume: " + meter.resumeMillis() + " ms (" + meter.describe()
                + "; the viewer posts progress every " + FINE_PROGRESS_MILLIS + " ms)");
        assertThat(meter.framesSinceFault()).as("frames decoded on C within 10 s of killing B; %s; %s",
                meter.describe(), pages.describe(key, 6)).isGreaterThanOrEqualTo(30);

        String nodeA = ClusterProcess.nodeName(A);
        String nodeC = ClusterProcess.nodeName(C);
        await(SETTLE, "C to take the channels straight from A", () -> {
            List<Channel> onC = OverlayView.of(cluster.nodeOverlay(C)).channels(channelIds);
            return !onC.isEmpty() && onC.stream().allMatch(ch -> nodeA.equals(ch.upstream()))
                    ? Optional.of(onC) : Optional.empty();
        }, () -> "C: " + OverlayView.of(cluster.nodeOverlay(C)));
        await(SETTLE, "A to send straight to C and no more to B", () -> {
            List<Channel> onA = OverlayView.of(cluster.nodeOverlay(A)).channels(channelIds);
            return onA.size() == channelIds.size() && onA.stream().allMatch(ch -> ch.downstreams().equals(
                    List.of(nodeC))) ? Optional.of(onA) : Optional.empty();
        }, () -> "A: " + OverlayView.of(cluster.nodeOverlay(A)));
        System.out.println("overlay of z1-n3 after B died: " + OverlayView.of(cluster.nodeOverlay(C)));
    }

    /** Waits until the cluster's track registry lists the publisher's tracks; returns their overlay channel ids. */
    private static Set<String> awaitPublisherChannels() {
        return await(SETTLE, "the publisher's audio and video tracks in GET peers", () -> {
            HttpResponse<String> response = cluster.gateway().adminGetRaw("rooms/" + ROOM + "/peers");
            Set<String> ids = new LinkedHashSet<>();
            Matcher matcher = CHANNEL_ID.matcher(response.body());
            while (matcher.find()) {
                // Parsed from the text: channel ids are 64-bit and would lose bits as JSON doubles.
                ids.add(String.format("%016x", Long.parseLong(matcher.group(1))));
            }
            return response.statusCode() == 200 && ids.size() >= 2 ? Optional.of(Set.copyOf(ids))
                    : Optional.empty();
        }, () -> cluster.gateway().adminGetRaw("rooms/" + ROOM + "/peers").body());
    }

    private static void awaitChannels(int node, String what, Predicate<Channel> condition) {
        await(SETTLE, what, () -> {
            List<Channel> channels = adminOverlay(node).channels(channelIds);
            return channels.size() == channelIds.size() && channels.stream().allMatch(condition)
                    ? Optional.of(channels) : Optional.empty();
        }, () -> ClusterProcess.nodeName(node) + ": " + adminOverlay(node) + "\ntrack channels: " + channelIds);
    }

    private static void assertChannels(int node, String what, Predicate<Channel> condition) {
        OverlayView overlay = adminOverlay(node);
        List<Channel> channels = overlay.channels(channelIds);
        assertThat(channels).as("%s: channels %s on %s", what, channelIds, overlay).hasSize(channelIds.size())
                .allMatch(condition);
    }

    private static OverlayView adminOverlay(int node) {
        return OverlayView.ofEnvelope(cluster.gateway().adminGet("nodes/" + ClusterProcess.nodeIdHex(node)
                + "/overlay"));
    }

    private static String overlayForDiagnostics(int node) {
        if (!cluster.isAlive(node)) {
            return "(process gone)";
        }
        try {
            return OverlayView.of(cluster.nodeOverlay(node)).toString();
        } catch (AssertionError | RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    private static List<Map<String, Object>> list(Json envelope) {
        if (!(envelope.get("data") instanceof List<?>)) {
            throw new AssertionError("expected a list under data: " + envelope);
        }
        return objects(envelope.get("data"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Object jsonArray) {
        if (!(jsonArray instanceof List<?> array)) {
            throw new AssertionError("expected a JSON array, got " + jsonArray);
        }
        return array.stream().map(o -> (Map<String, Object>) o).toList();
    }

    private static ChromiumBrowser startPublisher(int node, String peer, String key) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("gw", cluster.nodeUrl(node).toString());
        query.put("token", cluster.gateway().token(TokenKind.WHIP, ROOM, peer));
        query.put("codec", "vp8");
        query.put("key", key);
        return launch("publisher.html", key, query);
    }

    private static ChromiumBrowser startViewer(int node, String peer, String key, Integer progressMillis) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("gw", cluster.nodeUrl(node).toString());
        query.put("token", cluster.gateway().token(TokenKind.WHEP, ROOM, peer));
        query.put("key", key);
        if (progressMillis != null) {
            query.put("intervalMs", progressMillis.toString());
        }
        return launch("viewer.html", key, query);
    }

    private static ChromiumBrowser launch(String page, String key, Map<String, String> query) {
        keys.add(key);
        ChromiumBrowser browser = ChromiumBrowser.launch(pages.pageUri(page, query), LOG_DIR);
        browsers.add(browser);
        return browser;
    }

    private static Json progress(String key, Duration timeout, String what, Predicate<Json> condition) {
        try {
            return pages.awaitJson(key, timeout, failFastOnError(key, condition));
        } catch (AssertionError e) {
            throw new AssertionError("waiting for " + what + ": " + e.getMessage(), e);
        }
    }

    /** The first progress post from now on (the pages post every 500 ms unless told otherwise). */
    private static Json nextProgress(String key) {
        return pages.awaitJsonAfter(key, pages.count(key), Duration.ofSeconds(5), failFastOnError(key, j -> true));
    }

    private static Predicate<Json> failFastOnError(String key, Predicate<Json> condition) {
        return j -> {
            if (j.has("error")) {
                throw new AssertionError("page " + key + " reported an error: " + j);
            }
            return condition.test(j);
        };
    }

    /** Polls {@code probe} every 300 ms until it yields a value; on timeout fails with {@code state}'s text. */
    private static <T> T await(Duration timeout, String what, Supplier<Optional<T>> probe, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AssertionError lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
                lastError = null;
            } catch (AssertionError e) {
                lastError = e;
            }
            sleep(300);
        }
        String now;
        try {
            now = state.get();
        } catch (AssertionError e) {
            now = "(state unavailable: " + e.getMessage() + ")";
        }
        throw new AssertionError("waited " + timeout + " for " + what + "; now: " + now
                + (lastError == null ? "" : "\nlast error: " + lastError.getMessage()), lastError);
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
