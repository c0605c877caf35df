package io.mediamesh.sip.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mediamesh.sip.gateway.auth.ConfiguredAccounts;
import io.mediamesh.sip.gateway.auth.HookAccounts;
import io.mediamesh.sip.gateway.call.HookDialPlan;
import io.mediamesh.sip.gateway.call.StaticDialPlan;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP hooks against a real HTTP server: the dial plan hook answering "wait" twice then "accept" (the caller
 * hears 180 meanwhile), an INVITE from an allowed network without registration, and passwords from the auth hook.
 */
class SipHooksFlowTest {
    private final FakeCallMedia media = new FakeCallMedia();
    private final List<String> dialPlanRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger asked = new AtomicInteger();
    private HttpServer hooks;
    private SipServer server;
    private TestPhone phone;

    @BeforeEach
    void start() throws IOException {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/dialplan", exchange -> {
            dialPlanRequests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String body = asked.incrementAndGet() < 3 ? "{\"action\":\"wait\"}"
                    : "{\"action\":\"accept\",\"room\":\"hooked\"}";
            reply(exchange, 200, body);
        });
        hooks.createContext("/accounts", exchange -> {
            boolean carol = exchange.getRequestURI().getQuery().equals("user=carol");
            reply(exchange, carol ? 200 : 404, carol ? "{\"password\":\"c4r0l\"}" : "{}");
        });
        hooks.start();
        String base = "http://127.0.0.1:" + hooks.getAddress().getPort();
        SipGatewayProperties properties = new SipGatewayProperties(0, false, "127.0.0.1", "secret", "test",
                List.of("MD5"), Duration.ofSeconds(30), 3, 3600, List.of(), base + "/accounts",
                List.of("127.0.0.0/8"), Map.of(), base + "/dialplan", "",
                new SipGatewayProperties.Trunk("", 5060, "udp", "", "", ""), false, Duration.ofSeconds(10));
        HttpClient http = HttpClient.newHttpClient();
        server = SipServer.start(properties, media, new StaticDialPlan(Map.of(),
                new HookDialPlan(http, URI.create(base + "/dialplan"))),
                new ConfiguredAccounts(Map.of(), new HookAccounts(http, URI.create(base + "/accounts"))),
                event -> { }, new SimpleMeterRegistry());
        phone = new TestPhone(server.port());
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        phone.close();
        server.close();
        hooks.stop(0);
    }

    @Test
    void theDialPlanHookIsAskedAgainWhileItSaysWaitAndTheCallerHearsRinging() throws Exception {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n";
        phone.send("INVITE sip:777@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port()
                + ";branch=z9hG4bKhook1\nMax-Forwards: 70\nFrom: <sip:pbx@127.0.0.1>;tag=p1\n"
                + "To: <sip:777@127.0.0.1>\nCall-ID: hook@test\nCSeq: 1 INVITE\nContact: <sip:pbx@127.0.0.1:"
                + phone.port() + ">\nContent-Type: application/sdp\nContent-Length: " + offer.length() + "\n\n"
                + offer);
        assertThat(phone.expect("SIP/2.0 180 ")).contains("Ringing");
        String ok = phone.expect("SIP/2.0 200 ");
        assertThat(ok).contains("m=audio 30000 RTP/AVP 8");
        assertThat(asked.get()).isEqualTo(3);
        assertThat(dialPlanRequests.get(0)).contains("\"number\":\"777\"").contains("\"caller\":\"pbx\"")
                .contains("\"source\":\"127.0.0.1\"");
        assertThat(media.legs.get(0).room).isEqualTo("hooked");
        assertThat(media.legs.get(0).peer).isEqualTo("sip-pbx");
        assertThat(server.engine().calls().get(2, TimeUnit.SECONDS).get(0).state()).isEqualTo("answered");
    }

    @Test
    void passwordsComeFromTheAuthHook() {
        String challenge = register("carol", null);
        assertThat(challenge).startsWith("SIP/2.0 401 ");
        java.util.regex.Matcher nonce = java.util.regex.Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        assertThat(nonce.find()).isTrue();
        String ha1 = io.mediamesh.sip.auth.DigestCalculator.ha1(io.mediamesh.sip.auth.DigestAlgorithm.MD5, "carol",
                "test", "c4r0l");
        String response = io.mediamesh.sip.auth.DigestCalculator.response(io.mediamesh.sip.auth.DigestAlgorithm.MD5,
                ha1, nonce.group(1), null, null, null, "REGISTER", "sip:127.0.0.1");
        String ok = register("carol", "Digest username=\"carol\", realm=\"test\", nonce=\"" + nonce.group(1)
                + "\", uri=\"sip:127.0.0.1\", response=\"" + response + "\"");
        assertThat(ok).as("RFC 2069 credentials without qop work too").startsWith("SIP/2.0 200 ");
    }

    private int cseq = 1;

    private String register(String user, String authorization) {
        int n = cseq++;
        phone.send("REGISTER sip:127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.port() + ";branch=z9hG4bKh"
                + n + "\nMax-Forwards: 70\nFrom: <sip:" + user + "@127.0.0.1>;tag=h\nTo: <sip:" + user
                + "@127.0.0.1>\nCall-ID: hreg@test\nCSeq: " + n + " REGISTER\nContact: <sip:" + user + "@127.0.0.1:"
                + phone.port() + ">\n" + (authorization == null ? "" : "Authorization: " + authorization + "\n")
                + "Content-Length: 0\n\n");
        return phone.expect("SIP/2.0 ");
    }
}
