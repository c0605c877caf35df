package io.mediamesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mediamesh.e2e.PlatformProcess.TokenKind;
import io.mediamesh.testsupport.chromium.ChromiumBrowser;
import io.mediamesh.testsupport.chromium.Json;
import io.mediamesh.testsupport.chromium.ResultServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * The SIP gateway in the packaged cluster (media node + gateway + sip-gateway as processes) with real user agents:
 * a hand-written UDP client checks digest registration (401, 200; wrong password 401, 401, 403), 400 for malformed
 * SIP and 481 for an unknown dialog; SIPp calls a number of the dial plan with G.711 from its pcap while headless
 * Chromium publishes in the room, and a Chromium WHEP viewer hears the phone; baresip registers with a password, is
 * called through {@code POST /sip/calls}, answers, is a peer of the room, hears the browser, and is hung up from
 * either side. Figures are printed as {@code SIP figure: ...}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipEndToEndTest {
    private static final Path LOG_DIR = Path.of("target", "e2e-logs");
    private static final String ROOM = "sip-e2e";
    private static final String NUMBER = "100";
    private static final String USER = "alice";
    private static final String PASSWORD = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ClusterProcess cluster;
    private static ResultServer pages;
    private static HttpServer webhook;
    private static final List<String> webhookEvents = new CopyOnWriteArrayList<>();
    private static final List<ChromiumBrowser> browsers = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/events", exchange -> {
            webhookEvents.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        pages = ResultServer.start("pages");
        int rtpBase = 30000 + 2 * ThreadLocalRandom.current().nextInt(0, 8000);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MEDIAMESH_SIP_ACCOUNTS_0_USER", USER);
        env.put("MEDIAMESH_SIP_ACCOUNTS_0_PASSWORD", PASSWORD);
        // baresip 1.0's libre gives up on a challenge list holding an algorithm it lacks (SHA-256): MD5 only here.
        // SHA-256 challenges are covered by the sip-gateway module's own tests.
        env.put("MEDIAMESH_SIP_DIGEST_ALGORITHMS", "MD5");
        env.put("MEDIAMESH_SIP_ROOMS_" + NUMBER, ROOM);
        env.put("MEDIAMESH_SIP_ALLOWED_NETWORKS", "127.0.0.0/8");
        env.put("MEDIAMESH_SIP_WEBHOOK", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/events");
        env.put("MEDIAMESH_SIP_RTP_PORT_MIN", Integer.toString(rtpBase));
        env.put("MEDIAMESH_SIP_RTP_PORT_MAX", Integer.toString(rtpBase + 39));
        cluster = ClusterProcess.startWithSipGateway(1, env);
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
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    // ------------------------------------------------------------------ signalling

    @Test
    @Order(1)
    void registrationIsDigestAuthenticatedAndWrongPasswordsEndIn403() {
        try (SipProbe probe = new SipProbe(cluster.sipPort())) {
            long t0 = System.nanoTime();
            String challenge = probe.register(USER, null);
            long t1 = System.nanoTime();
            assertThat(challenge).startsWith("SIP/2.0 401 Unauthorized").contains("WWW-Authenticate: Digest");
            String ok = probe.register(USER, SipProbe.md5Credentials(challenge, USER, PASSWORD));
            long t2 = System.nanoTime();
            assertThat(ok).startsWith("SIP/2.0 200 OK").contains("expires=60");
            System.out.printf("SIP figure: first REGISTER round trip %.1f ms (401 challenge), %.1f ms (200 with "
                    + "digest)%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            registerRoundTrips(probe);

            String answer = probe.register(USER, null);
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answer = probe.register(USER, SipProbe.md5Credentials(answer, USER, "not-" + PASSWORD));
                codes.add(answer.lines().findFirst().orElse(""));
            }
            assertThat(codes).containsExactly("SIP/2.0 401 Unauthorized", "SIP/2.0 401 Unauthorized",
                    "SIP/2.0 403 Forbidden: 3 wrong credentials in a row");
        }
    }

    @Test
    @Order(2)
    void malformedSipGets400AndIsCountedAndUnknownDialogsGet481() {
        try (SipProbe probe = new SipProbe(cluster.sipPort())) {
            double before = metric("mediamesh_sip_malformed_total");
            String bad = probe.exchange("OPTIONS sip:127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:"
                    + probe.localPort() + ";branch=z9hG4bKmal\nMax-Forwards: 70\nFrom: <sip:x@127.0.0.1>;tag=1\n"
                    + "To: <sip:127.0.0.1>\nCall-ID: malformed@e2e\nCSeq: twelve OPTIONS\nContent-Length: 0\n\n");
            assertThat(bad).startsWith("SIP/2.0 400 ");
            probe.send("\u0016\u0003\u0001 not SIP at all".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(probe.answer()).as("unanswerable bytes are dropped").isNull();
            await("the malformed counter", Duration.ofSeconds(10),
                    () -> metric("mediamesh_sip_malformed_total") >= before + 2 ? Optional.of(true) : Optional.empty(),
                    () -> "mediamesh_sip_malformed_total " + metric("mediamesh_sip_malformed_total"));

            String unknown = probe.exchange("BYE sip:mediamesh@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:"
                    + probe.localPort() + ";branch=z9hG4bKbye481\nMax-Forwards: 70\nFrom: <sip:x@127.0.0.1>;tag=1\n"
                    + "To: <sip:100@127.0.0.1>;tag=gone\nCall-ID: no-such-dialog@e2e\nCSeq: 2 BYE\n"
                    + "Content-Length: 0\n\n");
            assertThat(unknown).startsWith("SIP/2.0 481 ");
        }
    }

    @Test
    @Order(3)
    void baresipWithAWrongPasswordIsRefused() throws Exception {
        try (SipPhones.Baresip phone = SipPhones.Baresip.start(LOG_DIR, "wrong", USER, "wrong-" + PASSWORD,
                cluster.sipPort(), 3)) {
            assertThat(phone.process.waitFor(20, TimeUnit.SECONDS)).as("baresip quits").isTrue();
            String output = phone.output();
            assertThat(output).as(output).containsPattern("40[13]");
            assertThat(output).doesNotContain("200 OK");
            assertThat(sipGet("/sip/registrations").body()).as("no binding to baresip's contact")
                    .doesNotContain("127.0.0.1:" + phone.sipPort);
        }
    }

    /** 30 more challenge + authenticated REGISTER exchanges, timed: the median and the slowest. */
    private static void registerRoundTrips(SipProbe probe) {
        List<Double> challenges = new ArrayList<>();
        List<Double> registrations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long t0 = System.nanoTime();
            String challenge = probe.register(USER, null);
            long t1 = System.nanoTime();
            String ok = probe.register(USER, SipProbe.md5Credentials(challenge, USER, PASSWORD));
            long t2 = System.nanoTime();
            assertThat(ok).startsWith("SIP/2.0 200 OK");
            challenges.add((t1 - t0) / 1e6);
            registrations.add((t2 - t1) / 1e6);
        }
        challenges.sort(null);
        registrations.sort(null);
        System.out.printf("SIP figure: REGISTER round trip over 30 exchanges: 401 challenge median %.2f ms (max %.2f),"
                + " 200 with digest median %.2f ms (max %.2f)%n", challenges.get(15), challenges.get(29),
                registrations.get(15), registrations.get(29));
    }

    // ------------------------------------------------------------------ calls with media

    /** A Chromium publishing its fake camera and microphone (a beep) into the room over WHIP. */
    private static void publishBrowser() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("gw", cluster.nodeUrl(1).toString());
        query.put("token", cluster.gateway().token(TokenKind.WHIP, ROOM, "browser"));
        query.put("key", "publisher");
        browsers.add(ChromiumBrowser.launch(pages.pageUri("publisher.html", query), LOG_DIR));
        pages.awaitJson("publisher", Duration.ofSeconds(30), j -> {
            if (j.has("error")) {
                throw new AssertionError("publisher: " + j);
            }
            return j.number("audioPacketsSent") > 50;
        });
    }

    @Test
    @Order(4)
    void sippCallsIntoTheRoomAndTheBrowserHearsThePhone() throws Exception {
        publishBrowser();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("gw", cluster.nodeUrl(1).toString());
        query.put("token", cluster.gateway().token(TokenKind.WHEP, ROOM, "listener"));
        query.put("key", "phone-listener");
        query.put("peer", "sip-sipp");
        browsers.add(ChromiumBrowser.launch(pages.pageUri("viewer.html", query), LOG_DIR));

        Process sipp = SipPhones.sipp(LOG_DIR, NUMBER, cluster.sipPort());
        try {
            Json heard = pages.awaitJson("phone-listener", Duration.ofSeconds(30), j -> {
                if (j.has("error")) {
                    throw new AssertionError("viewer: " + j);
                }
                return j.number("audioPacketsReceived") > 50 && j.number("audioLevel") > 0;
            });
            System.out.println("SIP figure: WHEP viewer of the SIPp phone: audioLevel " + heard.number("audioLevel")
                    + ", " + heard.number("audioPacketsReceived") + " audio packets");
            assertThat(sipp.waitFor(40, TimeUnit.SECONDS)).as("sipp finishes its call").isTrue();
            assertThat(sipp.exitValue()).as("sipp's call succeeded (see target/e2e-logs/sipp.log)").isZero();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + cluster.logTails(), e);
        } finally {
            sipp.destroyForcibly();
        }
        Map<String, Object> call = awaitCall(c -> "inbound".equals(c.get("direction")) && "ended".equals(c.get("state")));
        assertThat(call.get("peer")).isEqualTo("sip-sipp");
        assertThat(call.get("room")).isEqualTo(ROOM);
        assertThat(call.get("endReason")).as("SIPp sent BYE").isEqualTo("bye-remote");
        System.out.println("SIP figure: inbound call setup (INVITE received to 200 sent, the room's first call, "
                + "media bridge start included) " + call.get("setupMillis") + " ms; media " + call.get("media"));
        assertThat(webhookEvents.toString()).contains("\"event\":\"answered\"").contains("\"reason\":\"bye-remote\"");
        assertThat(webhookEvents.toString()).as("DTMF 1 from SIPp's dtmf_2833_1.pcap, by webhook")
                .contains("\"event\":\"dtmf\"").contains("\"digit\":\"1\"");
    }

    @Test
    @Order(5)
    void baresipIsCalledJoinsTheRoomHearsTheBrowserAndIsHungUpFromBothSides() throws Exception {
        try (SipPhones.Baresip phone = SipPhones.Baresip.start(LOG_DIR, "alice", USER, PASSWORD, cluster.sipPort(),
                90)) {
            await("baresip registered", Duration.ofSeconds(20), () -> sipGet("/sip/registrations").body()
                    .contains("\"user\":\"" + USER + "\"") ? Optional.of(true) : Optional.empty(),
                    phone::output);

            // 1: the room hangs up (DELETE → BYE to the phone)
            String first = dial();
            Map<String, Object> answered = awaitCall(c -> first.equals(c.get("id")) && "answered".equals(c.get("state")));
            System.out.println("SIP figure: outbound call setup (INVITE sent to 200 received, baresip auto-answer) "
                    + answered.get("setupMillis") + " ms");
            await("sip-alice in the room", Duration.ofSeconds(15), () -> {
                String peers = cluster.gateway().adminGetRaw("rooms/" + ROOM + "/peers").body();
                return peers.contains("sip-alice") ? Optional.of(peers) : Optional.empty();
            }, () -> cluster.gateway().adminGetRaw("rooms/" + ROOM + "/peers").body());
            Thread.sleep(6000); // the browser's beeps reach the phone
            HttpResponse<String> hangup = sipSend(HttpRequest.newBuilder(cluster.sipHttpUrl().resolve(
                    "/sip/calls/" + first)).DELETE());
            assertThat(hangup.statusCode()).as(hangup.body()).isEqualTo(200);
            Map<String, Object> ended = awaitCall(c -> first.equals(c.get("id")) && "ended".equals(c.get("state")));
            assertThat(ended.get("endReason")).isEqualTo("hangup");
            System.out.println("SIP figure: baresip call media " + ended.get("media"));
            await("baresip saw the BYE", Duration.ofSeconds(10), () -> phone.output().matches(
                    "(?s).*(terminated|closed).*") ? Optional.of(true) : Optional.empty(), phone::output);
            Path recording = phone.received().orElseThrow(() -> new AssertionError("baresip recorded nothing: "
                    + phone.output()));
            double rms = SipPhones.peakRms(recording);
            System.out.printf("SIP figure: loudest 100 ms the phone heard from the room: RMS %.4f of full scale "
                    + "(%.1f dBFS)%n", rms, 20 * Math.log10(Math.max(rms, 1e-9)));
            assertThat(rms).as("the phone hears the browser's beeps, not silence").isGreaterThan(0.01);

            // 2: the phone hangs up (baresip quits, sending BYE)
            String second = dial();
            awaitCall(c -> second.equals(c.get("id")) && "answered".equals(c.get("state")));
            phone.process.destroy();
            Map<String, Object> byPhone = awaitCall(c -> second.equals(c.get("id")) && "ended".equals(c.get("state")));
            assertThat(byPhone.get("endReason")).isEqualTo("bye-remote");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + cluster.logTails(), e);
        }
    }

    @Test
    @Order(6)
    void badDialRequestsAreExplained() {
        HttpResponse<String> noRoom = sipSend(HttpRequest.newBuilder(cluster.sipHttpUrl().resolve("/sip/calls"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"to\":\"" + USER + "\"}")));
        assertThat(noRoom.statusCode()).isEqualTo(400);
        assertThat(noRoom.body()).contains("room");
        HttpResponse<String> nobody = sipSend(HttpRequest.newBuilder(cluster.sipHttpUrl().resolve("/sip/calls"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"to\":\"nobody\",\"room\":\"" + ROOM + "\"}")));
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(nobody.body()).contains("no registered user 'nobody'");
        HttpResponse<String> unauthorized = send(HttpRequest.newBuilder(cluster.sipHttpUrl().resolve("/sip/calls"))
                .GET().build());
        assertThat(unauthorized.statusCode()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ helpers

    private static String dial() {
        HttpResponse<String> response = sipSend(HttpRequest.newBuilder(cluster.sipHttpUrl().resolve("/sip/calls"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"to\":\"" + USER + "\",\"room\":\"" + ROOM + "\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitCall(Predicate<Map<String, Object>> condition) {
        return await("a call matching the condition", Duration.ofSeconds(30), () -> {
            Object data = Json.parse(sipGet("/sip/calls").body()).get("data");
            if (data instanceof List<?> calls) {
                for (Object call : calls) {
                    if (call instanceof Map<?, ?> map && condition.test((Map<String, Object>) map)) {
                        return Optional.of((Map<String, Object>) map);
                    }
                }
            }
            return Optional.empty();
        }, () -> sipGet("/sip/calls").body());
    }

    private static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> last) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; last: " + last.get());
    }

    private static double metric(String name) {
        String text = send(HttpRequest.newBuilder(cluster.sipHttpUrl().resolve("/actuator/prometheus")).GET()
                .build()).body();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static HttpResponse<String> sipGet(String path) {
        return sipSend(HttpRequest.newBuilder(cluster.sipHttpUrl().resolve(path)).GET());
    }

    private static HttpResponse<String> sipSend(HttpRequest.Builder request) {
        return send(request.header("Authorization", "Bearer " + cluster.secret()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

}
