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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Active speakers end to end, across nodes: two media nodes, the gateway and the signalling service as separate JVMs
 * and three headless Chromiums with the real JS SDK. alice publishes a loud tone, bob digital silence, on different
 * nodes; carol publishes nothing and follows the room's {@code speakers.active} events. The ranking comes from the
 * RFC 6464 levels Chrome puts on each audio packet, each node reporting its own publishers' levels. alice's tone is
 * 440 Hz and bob's 880 Hz, so the top-N audio slot ({@code session.speakerSlots(1)}) carol and bob open tells whose
 * audio it plays by its dominant frequency.
 */
class ActiveSpeakersEndToEndTest {
    private static final Path LOG_DIR = Path.of("target", "e2e-logs");
    private static final Duration CONNECT = Duration.ofSeconds(40);
    private static final Duration FIRST_RANKING = Duration.ofSeconds(30);
    private static final Duration FOLLOW = Duration.ofSeconds(10);
    /** How long the ranking may take to follow a change of speaker on a loaded two-core box (about 1 s unloaded). */
    private static final long FOLLOW_BOUND_MILLIS = 3_000;
    private static final String ROOM = "speakers-room";

    private static ClusterProcess cluster;
    private static String script;
    private static final Map<String, ChromiumDevTools> browsers = new LinkedHashMap<>();

    @RegisterExtension
    static final SdkPageDiagnostics DIAGNOSTICS = new SdkPageDiagnostics(browsers, () -> cluster);

    @BeforeAll
    static void startCluster() throws IOException {
        try (InputStream in = ActiveSpeakersEndToEndTest.class.getResourceAsStream("/sdk/speakers.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        cluster = ClusterProcess.startWithSignaling(2);
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
    void theRankingNamesTheLoudPeerAndFollowsTheSpeakerAcrossNodes() {
        String aliceNode = start("alice", true, true, 440);
        // Node selection goes by the load nodes report every 2 s: once alice shows on hers, bob goes to the other.
        cluster.gateway().awaitNodeSessions(aliceNode, 1, CONNECT);
        String bobNode = start("bob", true, false, 880);
        assertThat(bobNode).as("bob on the other media node than alice").isNotEqualTo(aliceNode);
        start("carol", false, false, 0);

        long t0 = System.nanoTime();
        Json first = awaitSpeakers("alice ranked first and bob not speaking",
                s -> s.size() >= 1 && "alice".equals(s.get(0).get("peer")) && !names(s).contains("bob"));
        System.out.println("active speakers: carol sees " + first.get("speakers") + " "
                + (System.nanoTime() - t0) / 1_000_000 + " ms after joining (alice was already speaking)");
        int aliceLevel = ((Number) speakers(first).get(0).get("level")).intValue();
        assertThat(aliceLevel).as("alice's tone level in dBov").isBetween(-40, 0);

        Json rest = cluster.gateway().adminGet("rooms/" + ROOM + "/speakers");
        System.out.println("admin API GET /rooms/" + ROOM + "/speakers: " + rest.get("data"));
        assertThat(names(list(rest.get("data")))).containsExactly("alice");

        // Top-N audio with one slot: carol's slot plays the loudest speaker; bob's never plays bob (mix-minus).
        browsers.get("carol").evaluateJson("window.mm.slots(1)");
        browsers.get("bob").evaluateJson("window.mm.slots(1)");
        long slotStart = System.nanoTime();
        awaitSlot("carol", "alice", 440);
        System.out.println("top-N audio: carol's slot plays alice's 440 Hz tone "
                + (System.nanoTime() - slotStart) / 1_000_000 + " ms after speakerSlots(1) resolved");

        long toBob = switchSpeaker("alice", "bob");
        long toAlice = switchSpeaker("bob", "alice");

        browsers.get("alice").evaluateJson("window.mm.loud(false)");
        long silence = System.nanoTime();
        awaitSpeakers("nobody speaking", List::isEmpty);
        long toNobody = (System.nanoTime() - silence) / 1_000_000;
        System.out.println("active speakers: everyone silent -> empty ranking at carol in " + toNobody + " ms");
        assertThat(toNobody).isLessThan(FOLLOW_BOUND_MILLIS);
        System.out.println("active speakers: follow times alice->bob " + toBob + " ms, bob->alice " + toAlice
                + " ms, ->nobody " + toNobody + " ms; events at carol: "
                + browsers.get("carol").evaluateJson("window.mm.all()").number("events"));
    }

    /** Silences {@code from}, makes {@code to} loud, and returns how long until carol sees {@code to} first. */
    private static long switchSpeaker(String from, String to) {
        browsers.get(from).evaluateJson("window.mm.loud(false)");
        browsers.get(to).evaluateJson("window.mm.loud(true)");
        long switched = System.nanoTime();
        Json ranked = awaitSpeakers(to + " ranked first", s -> s.size() >= 1 && to.equals(s.get(0).get("peer")));
        long millis = (System.nanoTime() - switched) / 1_000_000;
        System.out.println("active speakers: " + from + " -> " + to + ": carol sees " + ranked.get("speakers")
                + " after " + millis + " ms");
        awaitSpeakers(from + " no longer speaking", s -> !names(s).contains(from));
        System.out.println("active speakers: " + from + " dropped from the ranking after "
                + (System.nanoTime() - switched) / 1_000_000 + " ms");
        assertThat(millis).as("time for the ranking to follow the speaker").isLessThan(FOLLOW_BOUND_MILLIS);
        awaitSlot("carol", to, "alice".equals(to) ? 440 : 880);
        System.out.println("top-N audio: carol's slot plays " + to + "'s tone " + (System.nanoTime() - switched)
                / 1_000_000 + " ms after the change of speaker");
        if ("bob".equals(to)) {
            Json bobSide = browsers.get("bob").evaluateJson("window.mm.all()");
            System.out.println("top-N audio: bob, the only speaker, has in his slot " + bobSide.get("slots"));
            Map<String, Object> bobSlot = list(bobSide.get("slots")).get(0);
            assertThat(bobSlot.get("peer")).as("mix-minus: bob's slot keeps alice").isEqualTo("alice");
            assertThat(bobSlot.get("frequency")).as("bob's slot is silent (alice is), never his own 880 Hz").isNull();
        }
        return millis;
    }

    private static String start(String peer, boolean publish, boolean loud, int frequency) {
        ChromiumDevTools browser = ChromiumDevTools.launch(LOG_DIR);
        browsers.put(peer, browser);
        browser.navigate(cluster.gatewayUrl().resolve("/samples/"));
        browser.evaluate(script);
        String token = cluster.gateway().token(TokenKind.WEBRTC, ROOM, peer);
        Json started = browser.evaluateJson("window.mm.start(location.origin, '" + token + "', " + publish + ", "
                + loud + ", " + frequency + ")");
        System.out.println(peer + " joined on node " + started.string("node"));
        return started.string("node");
    }

    /** Waits until {@code who}'s first slot plays {@code peer} and decodes a tone within 50 Hz of {@code hz}. */
    private static void awaitSlot(String who, String peer, int hz) {
        try {
            browsers.get(who).awaitJson("window.mm.all()", FOLLOW, j -> {
                List<Map<String, Object>> slots = list(j.get("slots"));
                return !slots.isEmpty() && peer.equals(slots.get(0).get("peer"))
                        && slots.get(0).get("frequency") instanceof Number f && Math.abs(f.doubleValue() - hz) < 50;
            });
        } catch (AssertionError e) {
            throw new AssertionError(who + " waiting for its slot to play " + peer + " at " + hz + " Hz: "
                    + e.getMessage(), e);
        }
    }

    private static Json awaitSpeakers(String what, Predicate<List<Map<String, Object>>> condition) {
        Duration timeout = what.contains("first and bob not") ? FIRST_RANKING : FOLLOW;
        try {
            return browsers.get("carol").awaitJson("window.mm.all()", timeout, j -> condition.test(speakers(j)));
        } catch (AssertionError e) {
            throw new AssertionError("carol waiting for " + what + ": " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> speakers(Json state) {
        return list(state.get("speakers"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static List<String> names(List<Map<String, Object>> speakers) {
        return speakers.stream().map(s -> String.valueOf(s.get("peer"))).toList();
    }
}
