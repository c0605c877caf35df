package io.mediamesh.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Starts one gateway on a random port, pointed at one {@link FakeMediaNode}, shared by every test class (identical
 * configuration lets Spring reuse the context), and gives each test a client bound to the real server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "mediamesh.gateway.secret=" + GatewayTestBase.SECRET)
abstract class GatewayTestBase {

    static final String SECRET = "test-cluster-secret";

    static final FakeMediaNode MEDIA_NODE = startMediaNode();

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void mediaNode(DynamicPropertyRegistry registry) {
        registry.add("mediamesh.gateway.media-node-url", MEDIA_NODE::baseUrl);
    }

    @BeforeEach
    void bindClient() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        MEDIA_NODE.lastRequest();
    }

    private static FakeMediaNode startMediaNode() {
        try {
            return new FakeMediaNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
