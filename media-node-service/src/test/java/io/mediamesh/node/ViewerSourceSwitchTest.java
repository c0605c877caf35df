package io.mediamesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mediamesh.node.testpeer.MediaPump;
import io.mediamesh.node.testpeer.Payloads;
import io.mediamesh.node.testpeer.ReceivedRtp;
import io.mediamesh.node.testpeer.TestPeer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /whep/conn/{id}/source} and {@code PUT /internal/whep/{id}/source}: a viewer is switched to another publisher's tracks and paused/resumed
 * without renegotiation, on the same SSRCs with continuous sequence numbers, each new source starting at a keyframe.
 */
class ViewerSourceSwitchTest extends NodeIntegrationSupport {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aViewerSwitchesBetweenPublishersPausesAndResumes() throws Exception {
        TestPeer alice = publisher("room-select", "alice");
        MediaPump alicePump = pump(alice);
        TestPeer carol = publisher("room-select", "carol");
        MediaPump carolPump = pump(carol);
        TestPeer bob = viewer("room-select", "bob");
        long video = bob.answer().media("video").ssrc();
        await().atMost(MEDIA).until(() -> bob.received(video).size() >= 20);
        assertThat(bob.received(video)).allSatisfy(p -> assertThat(alicePump.sentVideo(p.payload())).isTrue());
        String id = bob.resource().getPath().substring(bob.resource().getPath().lastIndexOf('/') + 1);

        int before = bob.received(video).size();
        // The viewer itself switches, through its resource URL (the credential, as for PATCH and DELETE).
        HttpResponse<String> switched = http.send(HttpRequest.newBuilder(URI.create(bob.resource() + "/source"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"peer\":\"carol\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(switched.body()).contains("\"state\":\"active\"");
        await().atMost(MEDIA).until(() -> bob.received(video).stream().skip(before)
                .filter(p -> carolPump.sentVideo(p.payload())).count() >= 20);
        List<ReceivedRtp> all = bob.received(video);
        int firstOfCarol = indexOfFirst(all, carolPump, before);
        assertThat(Payloads.isVp8Keyframe(all.get(firstOfCarol).payload())).as("carol starts at a keyframe").isTrue();
        assertThat(all.subList(firstOfCarol, all.size()))
                .allSatisfy(p -> assertThat(carolPump.sentVideo(p.payload())).as("only carol after the switch").isTrue());
        assertContiguous(all);

        HttpResponse<String> paused = put(id, "{\"peer\":\"alice\",\"paused\":true}", SECRET);
        assertThat(paused.body()).contains("\"state\":\"paused\"");
        // Packets already in flight may still land; after that nothing comes while paused.
        Thread.sleep(300);
        int whilePaused = bob.received(video).size();
        Thread.sleep(700);
        assertThat(bob.received(video)).as("nothing forwarded while paused").hasSize(whilePaused);

        HttpResponse<String> resumed = put(id, "{\"peer\":\"alice\",\"paused\":false}", SECRET);
        assertThat(resumed.body()).contains("\"state\":\"active\"");
        await().atMost(MEDIA).until(() -> bob.received(video).stream().skip(whilePaused)
                .filter(p -> alicePump.sentVideo(p.payload())).count() >= 20);
        List<ReceivedRtp> afterResume = bob.received(video);
        assertThat(Payloads.isVp8Keyframe(afterResume.get(whilePaused).payload())).as("alice again from a keyframe")
                .isTrue();
        assertContiguous(afterResume);

        assertThat(put(id, "{\"peer\":\"nobody-yet\"}", SECRET).body()).as("a peer not publishing is waited for")
                .contains("\"state\":\"waiting\"");
    }

    @Test
    void badRequestsAreRefusedWithReasons() throws Exception {
        assertThat(put("whep-00000000-0123456789abcdef0123456789abcdef", "{\"peer\":\"x\"}", SECRET).statusCode())
                .isEqualTo(404);
        HttpResponse<String> wrongSecret = put("whep-1", "{\"peer\":\"x\"}", "wrong");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        TestPeer alice = publisher("room-select-2", "alice");
        pump(alice);
        TestPeer bob = viewer("room-select-2", "bob");
        String id = bob.resource().getPath().substring(bob.resource().getPath().lastIndexOf('/') + 1);
        HttpResponse<String> badJson = put(id, "{peer", SECRET);
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("body must be JSON");
        HttpResponse<String> badPeer = put(id, "{\"peer\":\"" + "x".repeat(300) + "\"}", SECRET);
        assertThat(badPeer.statusCode()).isEqualTo(400);
        assertThat(badPeer.body()).contains("peer");
    }

    private static int indexOfFirst(List<ReceivedRtp> packets, MediaPump pump, int from) {
        for (int i = from; i < packets.size(); i++) {
            if (pump.sentVideo(packets.get(i).payload())) {
                return i;
            }
        }
        throw new AssertionError("no packet of that publisher after " + from);
    }

    private HttpResponse<String> put(String id, String json, String secret) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/internal/whep/" + id + "/source"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
