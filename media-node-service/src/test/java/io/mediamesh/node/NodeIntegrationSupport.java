package io.mediamesh.node;

import io.mediamesh.model.token.TokenClaims;
import io.mediamesh.model.token.TokenCodec;
import io.mediamesh.model.token.TokenKind;
import io.mediamesh.node.testpeer.ChromiumOffer.PayloadTypes;
import io.mediamesh.node.testpeer.MediaPump;
import io.mediamesh.node.testpeer.TestPeer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

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
    }

    @BeforeEach
    void httpClient() {
        http = WebTestClient.bindToServer().baseUrl(base().toString()).responseTimeout(Duration.ofSeconds(10)).build();
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
}
