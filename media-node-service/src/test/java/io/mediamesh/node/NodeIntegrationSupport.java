package io.mediamesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenKind;
import io.mediamesh.node.testpeer.ChromiumOffer.PayloadTypes;
import io.mediamesh.node.testpeer.MediaPump;
import io.mediamesh.node.testpeer.ReceivedRtp;
import io.mediamesh.node.testpeer.TestPeer;
import io.mediamesh.proto.stun.StunMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * One media node on a random HTTP port and a free UDP port, advertising 127.0.0.1, with 3 s ICE and consent
 * timeouts; tokens signed with its secret; and the test peers and pumps of the current test, closed after it.
 */
@SpringBootTest(classes = MediaNodeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class NodeIntegrationSupport {
    static final String SECRET = "integration-test-secret-that-is-long-enough-for-hs256";
    static final int UDP_PORT = freeUdpPort();
    static final long PUBLISHER_MAX_BITRATE = 1_500_000;
    static final Duration CONNECT = Duration.ofSeconds(5);
    static final Duration MEDIA = Duration.ofSeconds(8);
    static final MediaType SDP = MediaType.parseMediaType("application/sdp");
    static final MediaType TRICKLE = MediaType.parseMediaType("application/trickle-ice-sdpfrag");
    /** Viewers pick other payload types and extension ids than publishers, so the node must rewrite them. */
    static final PayloadTypes VIEWER_CODECS = new PayloadTypes(109, 100, 101, 9, 3);

    final TokenCodec tokens = new TokenCodec(SECRET);
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    @LocalServerPort
    int httpPort;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MediaNode node;

    WebTestClient http;

    @DynamicPropertySource
    static void nodeProperties(DynamicPropertyRegistry registry) {
        registry.add("mediamesh.node.udp-port", () -> UDP_PORT);
        registry.add("mediamesh.node.advertised-addresses", () -> "127.0.0.1");
        registry.add("mediamesh.node.secret", () -> SECRET);
        registry.add("mediamesh.node.consent-timeout", () -> "3s");
        registry.add("mediamesh.node.ice-connect-timeout", () -> "3s");
        registry.add("mediamesh.node.publisher-max-bitrate", () -> PUBLISHER_MAX_BITRATE);
        // The context closes at the end of the run with sessions still open: no graceful drain wait then.
        registry.add("mediamesh.node.drain-timeout", () -> "0s");
    }

    @BeforeEach
    void httpClient() {
        // One connection per request: with pooled keep-alive connections about one run in eight had a request
        // that the server only dispatched when the client gave up after 10 s (Reactor Netty 1.3.6 under heavy
        // load; keep-alive dispatch bugs of that kind are reactor-netty#4347 and #4361). This class tests the API,
        // not connection reuse.
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection());
        http = WebTestClient.bindToServer(new ReactorClientHttpConnector(client)).baseUrl(base().toString())
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void closePeers() throws Exception {
        while (!closeables.isEmpty()) {
            closeables.pop().close();
        }
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    String token(TokenKind kind, String room, String peer) {
        return tokens.issue(new TokenClaims(room, peer, kind, Instant.now().plusSeconds(600), null));
    }

    /** A publisher in {@code room}, connected (DTLS-SRTP up). */
    TestPeer publisher(String room, String peer) {
        TestPeer publisher = closeLater(TestPeer.publisher(peer));
        return publisher.negotiate(base().resolve("/whip/endpoint"), token(TokenKind.WHIP, room, peer)).start()
                .awaitConnected(CONNECT);
    }

    /** A viewer of {@code room}'s first publisher, connected. */
    TestPeer viewer(String room, String name) {
        TestPeer viewer = closeLater(TestPeer.viewer(name, VIEWER_CODECS));
        return viewer.negotiate(base().resolve("/whep/endpoint"), token(TokenKind.WHEP, room, null)).start()
                .awaitConnected(CONNECT);
    }

    /** Starts pumping media from a connected publisher until the test ends. */
    MediaPump pump(TestPeer publisher) {
        return closeLater(MediaPump.start(publisher));
    }

    /** Closes {@code resource} after the test, before everything registered earlier. */
    <T extends AutoCloseable> T closeLater(T resource) {
        closeables.push(resource);
        return resource;
    }

    /** Every {@code mediamesh.packets.dropped} counter by reason. */
    Map<String, Double> drops() {
        Map<String, Double> result = new TreeMap<>();
        for (Counter counter : meters.find("mediamesh.packets.dropped").counters()) {
            result.put(counter.getId().getTag("reason"), counter.count());
        }
        return result;
    }

    double counter(String name) {
        Counter counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code send} and waits until exactly {@code count} more drops of {@code reason}, and no others. */
    void expectDrops(String reason, int count, Runnable send) {
        Map<String, Double> before = drops();
        send.run();
        double expected = before.getOrDefault(reason, 0.0) + count;
        await().atMost(MEDIA).untilAsserted(() -> assertThat(drops().getOrDefault(reason, 0.0))
                .as("drops of %s", reason).isEqualTo(expected));
        Map<String, Double> after = new TreeMap<>(drops());
        after.remove(reason);
        Map<String, Double> others = new TreeMap<>(before);
        others.remove(reason);
        assertThat(after).as("other drop reasons while sending %s", reason).isEqualTo(others);
    }

    static void send(DatagramSocket socket, byte[] datagram, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StunMessage receiveStun(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(3000);
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        socket.receive(packet);
        return StunMessage.decode(Unpooled.wrappedBuffer(packet.getData(), 0, packet.getLength()));
    }

    WebTestClient.ResponseSpec post(String path, String token, MediaType type, String body) {
        return http.post().uri(path).header("Authorization", "Bearer " + token).contentType(type).bodyValue(body)
                .exchange();
    }

    WebTestClient.ResponseSpec patch(String path, MediaType type, String body) {
        return http.patch().uri(path).contentType(type).bodyValue(body).exchange();
    }

    static void expectError(WebTestClient.ResponseSpec response, HttpStatus status, String reason) {
        Map<String, Object> body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(body).containsEntry("status", false);
        assertThat(body.get("error")).asString().contains(reason);
    }

    static void assertContiguous(List<ReceivedRtp> packets) {
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequenceNumber()).as("sequence number of packet %d of %d", i, packets.size())
                    .isEqualTo((packets.get(i - 1).sequenceNumber() + 1) & 0xffff);
        }
    }

    static String resource(String name) {
        try (InputStream in = NodeIntegrationSupport.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
