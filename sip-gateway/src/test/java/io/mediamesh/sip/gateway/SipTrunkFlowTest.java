package io.mediamesh.sip.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.sip.auth.DigestAlgorithm;
import io.mediamesh.sip.auth.DigestCalculator;
import io.mediamesh.sip.gateway.auth.ConfiguredAccounts;
import io.mediamesh.sip.gateway.call.CallView;
import io.mediamesh.sip.gateway.call.DialDecision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outgoing calls through a trunk that demands proxy authentication (407), and SIP over TCP.
 */
class SipTrunkFlowTest {
    private final FakeCallMedia media = new FakeCallMedia();
    private SipServer server;
    private TestPhone trunk;

    private void start(int trunkPort) {
        SipGatewayProperties properties = new SipGatewayProperties(0, true, "127.0.0.1", "secret", "test",
                List.of("SHA-256", "MD5"), Duration.ofSeconds(30), 3, 3600, List.of(), "", List.of(), Map.of(), "",
                "", new SipGatewayProperties.Trunk("127.0.0.1", trunkPort, "udp", "pbx.test", "gw", "trunkpw"),
                false, Duration.ofSeconds(10));
        server = SipServer.start(properties, media,
                (number, caller, source) -> CompletableFuture.completedFuture(new DialDecision.Reject(404, null)),
                new ConfiguredAccounts(Map.of(), null), event -> { }, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        if (trunk != null) {
            trunk.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNumberIsDialledThroughTheTrunkAnsweringItsProxyChallenge() throws Exception {
        trunk = new TestPhone(1); // its gateway port is set below: it only answers
        start(trunk.port());
        CallView call = server.engine().dial("+4930123", "lobby", null).get(3, TimeUnit.SECONDS);
        assertThat(call.peer()).isEqualTo("sip-+4930123");
        String invite = trunk.expect("INVITE ");
        assertThat(invite).startsWith("INVITE sip:+4930123@pbx.test SIP/2.0");
        TestPhone reply = new TestPhone(server.port());
        String via = TestPhone.header(invite, "Via");
        String dialog = "Via: " + via + "\nFrom: " + TestPhone.header(invite, "From") + "\nTo: "
                + TestPhone.header(invite, "To") + ";tag=pbx\nCall-ID: " + TestPhone.header(invite, "Call-ID") + "\n";
        reply.send("SIP/2.0 407 Proxy Authentication Required\n" + dialog + "CSeq: 1 INVITE\n"
                + "Proxy-Authenticate: Digest realm=\"pbx\", nonce=\"n0nce\", algorithm=MD5, qop=\"auth\"\n"
                + "Content-Length: 0\n\n");
        String ack = trunk.expect("ACK ");
        assertThat(TestPhone.header(ack, "CSeq")).isEqualTo("1 ACK");
        String retry = trunk.expect("INVITE ");
        assertThat(TestPhone.header(retry, "CSeq")).isEqualTo("2 INVITE");
        assertThat(TestPhone.header(retry, "Call-ID")).isEqualTo(TestPhone.header(invite, "Call-ID"));
        String credentials = TestPhone.header(retry, "Proxy-Authorization");
        Matcher cnonce = Pattern.compile("cnonce=\"([^\"]+)\"").matcher(credentials);
        assertThat(cnonce.find()).isTrue();
        String expected = DigestCalculator.response(DigestAlgorithm.MD5,
                DigestCalculator.ha1(DigestAlgorithm.MD5, "gw", "pbx", "trunkpw"), "n0nce", "00000001",
                cnonce.group(1), "auth", "INVITE", "sip:+4930123@pbx.test");
        assertThat(credentials).contains("username=\"gw\"", "realm=\"pbx\"", "response=\"" + expected + "\"",
                "qop=auth", "nc=00000001");
        reply.close();
    }

    @Test
    void sipOverTcpIsAnsweredOnTheSameConnection() throws Exception {
        start(5060);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            String options = "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:" + socket.getLocalPort()
                    + ";branch=z9hG4bKtcp\r\nMax-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=t\r\n"
                    + "To: <sip:127.0.0.1>\r\nCall-ID: tcp@test\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write("\r\n\r\n".getBytes(StandardCharsets.UTF_8)); // a keep-alive first
            out.write(options.getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("SIP/2.0 200 OK");
        }
    }
}
