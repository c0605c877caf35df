package io.mediamesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mediamesh.node.testpeer.MediaPump;
import io.mediamesh.node.testpeer.Payloads;
import io.mediamesh.node.testpeer.ReceivedRtp;
import io.mediamesh.node.testpeer.TestPeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The node side of SDK sessions ({@code /internal/sdk/sessions}), driven with the Java test peers: a SEND session
 * publishes tracks under the senders' names, a RECV session's receivers are pointed at tracks by peer and name,
 * switched to another peer's track and disabled/enabled with no renegotiation (same SSRC, continuous sequence
 * numbers, the new source from a keyframe), and a renegotiation keeps SSRCs and ends the tracks it stops sending.
 */
class SdkSessionTest extends NodeIntegrationSupport {
    private static final Pattern ID = Pattern.compile("\"id\":\"([a-z]{4}-[0-9a-f-]+)\"");
    private static final Pattern SDP = Pattern.compile("\"sdp\":\"((?:[^\"\\\\]++|\\\\.)*+)\"");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void receiversPlaySwitchPauseAndFollowRenegotiation() throws Exception {
        Sdk alice = send("sdk-room", "alice");
        MediaPump alicePump = pump(alice.peer);
        Sdk carol = send("sdk-room", "carol");
        MediaPump carolPump = pump(carol.peer);
        Sdk bob = recv("sdk-room", "bob");
        long video = bob.peer.answer().media("video").ssrc();

        String receivers = call("GET", "/internal/sdk/sessions/" + bob.id + "/receivers", null);
        assertThat(receivers).as("receivers start inactive").contains("\"mid\":\"0\"", "\"mid\":\"1\"")
                .contains("\"state\":\"INACTIVE\"").doesNotContain("ACTIVE\",\"peer\":\"alice");

        assertThat(receiver(bob, "1", "{\"peer\":\"alice\",\"track\":\"camera\"}")).contains("\"state\":\"ACTIVE\"");
        await().atMost(MEDIA).until(() -> bob.peer.received(video).size() >= 20);
        assertThat(bob.peer.received(video)).allSatisfy(p -> assertThat(alicePump.sentVideo(p.payload())).isTrue());
        assertThat(Payloads.isVp8Keyframe(bob.peer.received(video).get(0).payload())).isTrue();

        int before = bob.peer.received(video).size();
        assertThat(receiver(bob, "1", "{\"peer\":\"carol\",\"track\":\"camera\"}")).contains("\"state\":\"ACTIVE\"");
        await().atMost(MEDIA).until(() -> bob.peer.received(video).stream().skip(before)
                .filter(p -> carolPump.sentVideo(p.payload())).count() >= 20);
        List<ReceivedRtp> all = bob.peer.received(video);
        int first = before;
        while (!carolPump.sentVideo(all.get(first).payload())) {
            first++;
        }
        assertThat(Payloads.isVp8Keyframe(all.get(first).payload())).as("carol starts at a keyframe").isTrue();
        assertThat(all.subList(first, all.size())).allSatisfy(p -> assertThat(carolPump.sentVideo(p.payload()))
                .isTrue());
        assertContiguous(all);

        assertThat(receiver(bob, "1", "{\"peer\":\"carol\",\"track\":\"camera\",\"enabled\":false}"))
                .contains("\"state\":\"INACTIVE\"");
        Thread.sleep(300);
        int whileDisabled = bob.peer.received(video).size();
        Thread.sleep(700);
        assertThat(bob.peer.received(video)).as("nothing while disabled").hasSize(whileDisabled);
        assertThat(receiver(bob, "1", "{\"peer\":\"carol\",\"track\":\"camera\",\"enabled\":true}"))
                .contains("\"state\":\"ACTIVE\"");
        await().atMost(MEDIA).until(() -> bob.peer.received(video).size() >= whileDisabled + 20);
        assertContiguous(bob.peer.received(video));

        // The same offer again (a renegotiation that changes nothing): same SSRCs in the answer.
        String again = call("PUT", "/internal/sdk/sessions/" + bob.id + "/sdp",
                "{\"sdp\":" + json(bob.peer.offerSdp()) + "}");
        assertThat(sdpOf(again)).contains("a=ssrc:" + video + " ");

        // Carol stops sending her camera (the m-line goes inactive): bob's receiver waits, and wakes up when she
        // sends again under the same name.
        String inactive = carol.peer.offerSdp().replace("a=mid:1\r\n", "a=mid:1\r\na=inactive-marker\r\n");
        inactive = inactive.replaceFirst("(a=mid:1\r\n(?:.*\r\n)*?)a=sendonly", "$1a=inactive");
        call("PUT", "/internal/sdk/sessions/" + carol.id + "/sdp", "{\"sdp\":" + json(inactive)
                + ",\"senders\":{\"0\":\"mic\",\"1\":\"camera\"}}");
        await().atMost(MEDIA).until(() -> call("GET", "/internal/sdk/sessions/" + bob.id + "/receivers", null)
                .contains("\"state\":\"WAITING\",\"peer\":\"carol\""));
        call("PUT", "/internal/sdk/sessions/" + carol.id + "/sdp", "{\"sdp\":" + json(carol.peer.offerSdp())
                + ",\"senders\":{\"0\":\"mic\",\"1\":\"camera\"}}");
        await().atMost(MEDIA).until(() -> call("GET", "/internal/sdk/sessions/" + bob.id + "/receivers", null)
                .contains("\"state\":\"ACTIVE\",\"peer\":\"carol\""));
        int resumed = bob.peer.received(video).size();
        await().atMost(MEDIA).until(() -> bob.peer.received(video).size() >= resumed + 20);
        assertContiguous(bob.peer.received(video));
    }

    @Test
    void badRequestsGetReasons() throws Exception {
        Sdk alice = send("sdk-room-2", "alice");
        pump(alice.peer);
        Sdk bob = recv("sdk-room-2", "bob");
        assertThat(raw("PUT", "/internal/sdk/sessions/" + bob.id + "/receivers/1",
                "{\"peer\":\"alice\",\"track\":\"mic\"}", SECRET).body()).as("audio track on a video receiver")
                .contains("receives video but alice/mic is audio");
        HttpResponse<String> unknownMid = raw("PUT", "/internal/sdk/sessions/" + bob.id + "/receivers/7",
                "{\"peer\":\"alice\",\"track\":\"camera\"}", SECRET);
        assertThat(unknownMid.statusCode()).isEqualTo(400);
        assertThat(unknownMid.body()).contains("no receiver with mid 7");
        HttpResponse<String> badPriority = raw("PUT", "/internal/sdk/sessions/" + bob.id + "/receivers/1",
                "{\"peer\":\"alice\",\"track\":\"camera\",\"priority\":0}", SECRET);
        assertThat(badPriority.statusCode()).isEqualTo(400);
        assertThat(badPriority.body()).contains("priority: 1 to 1000");
        assertThat(raw("PUT", "/internal/sdk/sessions/" + bob.id + "/receivers/1",
                "{\"peer\":\"alice\",\"track\":\"camera\",\"minTemporal\":2,\"maxTemporal\":1}", SECRET).body())
                .contains("minTemporal and maxTemporal: 0 <= min <= max <= 2");
        assertThat(raw("PUT", "/internal/sdk/sessions/recv-00000000-0123456789abcdef0123456789abcdef/receivers/1",
                "{\"peer\":\"alice\",\"track\":\"camera\"}", SECRET).statusCode()).isEqualTo(404);
        assertThat(raw("POST", "/internal/sdk/sessions", "{\"kind\":\"both\",\"room\":\"r\",\"peer\":\"p\","
                + "\"sdp\":\"v=0\"}", SECRET).body()).contains("kind must be send or recv");
        HttpResponse<String> badSdp = raw("POST", "/internal/sdk/sessions", "{\"kind\":\"send\",\"room\":\"r\","
                + "\"peer\":\"p\",\"sdp\":\"not sdp\"}", SECRET);
        assertThat(badSdp.statusCode()).isEqualTo(400);
        assertThat(badSdp.body()).contains("bad SDP offer");
        assertThat(raw("POST", "/internal/sdk/sessions", "{}", "wrong-secret").statusCode()).isEqualTo(401);
        assertThat(raw("POST", "/internal/sdk/sessions", "{nope", SECRET).statusCode()).isEqualTo(400);
        // The sessions of this test are unharmed.
        assertThat(receiver(bob, "1", "{\"peer\":\"alice\",\"track\":\"camera\"}")).contains("ACTIVE");
    }

    private record Sdk(String id, TestPeer peer) {
    }

    private Sdk send(String room, String peer) throws Exception {
        TestPeer publisher = closeLater(TestPeer.publisher(peer));
        return open(publisher, "send", room, peer, ",\"senders\":{\"0\":\"mic\",\"1\":\"camera\"}");
    }

    private Sdk recv(String room, String peer) throws Exception {
        TestPeer viewer = closeLater(TestPeer.viewer(peer, VIEWER_CODECS));
        return open(viewer, "recv", room, peer, "");
    }

    private Sdk open(TestPeer peer, String kind, String room, String name, String extra) throws Exception {
        HttpResponse<String> created = raw("POST", "/internal/sdk/sessions", "{\"kind\":\"" + kind
                + "\",\"room\":\"" + room + "\",\"peer\":\"" + name + "\",\"sdp\":" + json(peer.offerSdp()) + extra
                + "}", SECRET);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();
        peer.accept(sdpOf(created.body()), base().resolve("/internal/sdk/sessions/" + id.group(1)));
        peer.start().awaitConnected(CONNECT);
        return new Sdk(id.group(1), peer);
    }

    private String receiver(Sdk session, String mid, String body) throws Exception {
        return call("PUT", "/internal/sdk/sessions/" + session.id + "/receivers/" + mid, body);
    }

    private String call(String method, String path, String body) {
        try {
            HttpResponse<String> response = raw(method, path, body, SECRET);
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 201);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> raw(String method, String path, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sdpOf(String body) {
        Matcher sdp = SDP.matcher(body);
        if (!sdp.find()) {
            throw new AssertionError("no sdp in " + body);
        }
        return sdp.group(1).replace("\\r", "\r").replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
