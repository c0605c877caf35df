package io.mediamesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.e2e.ClusterProcess.Link;
import io.mediamesh.e2e.PlatformProcess.TokenKind;
import io.mediamesh.testsupport.chromium.ChromiumBrowser;
import io.mediamesh.testsupport.chromium.Json;
import io.mediamesh.testsupport.chromium.ResultServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two media nodes whose overlay link drops 5 % of its frames on purpose (test-only setting): Chromium publishes on A
 * and plays on B. The viewer's NACKs that B's cache cannot answer travel to A as overlay feedback, A sends the
 * packets again from its cache, and the video keeps decoding.
 */
class ClusterLossRecoveryEndToEndTest {
    private static final Path LOG_DIR = Path.of("target", "e2e-logs");
    private static final String ROOM = "lossy";
    private static ClusterProcess cluster;
    private static ResultServer pages;
    private static final List<ChromiumBrowser> browsers = new ArrayList<>();

    @BeforeAll
    static void start() {
        pages = ResultServer.start("pages");
        cluster = ClusterProcess.start(2, Map.of(), Map.of(new Link(1, 2), 5), false);
    }

    @AfterAll
    static void stop() {
        browsers.forEach(ChromiumBrowser::close);
        if (cluster != null) {
            cluster.close();
        }
        if (pages != null) {
            pages.close();
        }
    }

    @Test
    void packetsLostBetweenNodesAreSentAgainByTheSourceNode() {
        launch("publisher.html", "lossy-publisher", Map.of("gw", cluster.nodeUrl(1).toString(),
                "token", cluster.gateway().token(TokenKind.WHIP, ROOM, "pub"), "codec", "vp8"));
        launch("viewer.html", "lossy-viewer", Map.of("gw", cluster.nodeUrl(2).toString(),
                "token", cluster.gateway().token(TokenKind.WHEP, ROOM, "viewer")));
        Json viewer;
        try {
            viewer = pages.awaitJson("lossy-viewer", Duration.ofSeconds(60), j -> {
                if (j.has("error")) {
                    throw new AssertionError("viewer reported an error: " + j);
                }
                return j.number("framesDecoded") >= 150;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + cluster.logTails(), e);
        }
        double resentByA = counter(cluster.nodeMetrics(1), "mediamesh_rtp_retransmissions_total");
        System.out.println("5 % overlay loss: the source node sent " + (long) resentByA
                + " packets again for the viewer's node; viewer " + viewer);
        assertThat(resentByA).as("packets node A re-sent into the channel after NACKs from node B").isPositive();
    }

    private static void launch(String page, String key, Map<String, String> parameters) {
        Map<String, String> query = new LinkedHashMap<>(parameters);
        query.put("key", key);
        browsers.add(ChromiumBrowser.launch(pages.pageUri(page, query), LOG_DIR));
    }

    private static double counter(String prometheus, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(prometheus);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }
}
