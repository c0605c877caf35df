package io.mediamesh.core.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chrome offers DTLS 1.3 and 1.2 in the ClientHello's supported_versions extension (RFC 9147 §5.3, RFC 8446
 * §4.2.1). Our server must answer with a DTLS 1.2 ServerHello rather than an alert. Bouncy Castle's client cannot
 * offer DTLS 1.3, so the test takes its ClientHello and adds the extensions a DTLS 1.3 client sends.
 */
@Timeout(20)
class DtlsVersionNegotiationTest {
    private static final int RECORD_HEADER = 13;
    private static final int HANDSHAKE_HEADER = 12;

    @Test
    void serverAnswersDtls13And12OfferWithDtls12ServerHello() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        Semaphore wakeups = new Semaphore(0);
        DtlsCertificate clientCertificate = DtlsCertificate.generate();
        DtlsCertificate serverCertificate = DtlsCertificate.generate();
        DtlsEndpoint client = new DtlsEndpoint(clientCertificate, DtlsRole.CLIENT, "sha-256",
                serverCertificate.fingerprintSha256(), executor, wakeups::release, 1200);
        DtlsEndpoint server = new DtlsEndpoint(serverCertificate, DtlsRole.SERVER, "sha-256",
                clientCertificate.fingerprintSha256(), executor, wakeups::release, 1200);
        try {
            client.start();
            byte[] clientHello = awaitTransmit(client, wakeups);
            assertThat(clientHello[RECORD_HEADER]).as("handshake type ClientHello").isEqualTo((byte) 1);

            server.start();
            server.handleInput(withExtensions(clientHello, DTLS13_AND_12_OFFER));
            byte[] flight = awaitTransmit(server, wakeups);

            assertThat(flight[0]).as("record content type handshake").isEqualTo((byte) 22);
            assertThat(flight[RECORD_HEADER]).as("handshake type ServerHello").isEqualTo((byte) 2);
            int version = ((flight[RECORD_HEADER + HANDSHAKE_HEADER] & 0xFF) << 8)
                    | (flight[RECORD_HEADER + HANDSHAKE_HEADER + 1] & 0xFF);
            assertThat(version).as("ServerHello.server_version").isEqualTo(0xFEFD);
            // A 1.2-only server must not claim a 1.3 downgrade (RFC 8446 §4.1.3): BoringSSL aborts on
            // "DOWNGRD\x01" in ServerHello.random when it offered 1.3.
            int randomEnd = RECORD_HEADER + HANDSHAKE_HEADER + 2 + 32;
            byte[] randomTail = java.util.Arrays.copyOfRange(flight, randomEnd - 8, randomEnd - 1);
            assertThat(new String(randomTail, java.nio.charset.StandardCharsets.US_ASCII)).isNotEqualTo("DOWNGRD");
        } finally {
            client.close();
            server.close();
            executor.shutdown();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Proves the test's extension surgery is seen: a DTLS 1.3-only offer must be refused. */
    @Test
    void serverRefusesDtls13OnlyOffer() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        Semaphore wakeups = new Semaphore(0);
        DtlsCertificate clientCertificate = DtlsCertificate.generate();
        DtlsCertificate serverCertificate = DtlsCertificate.generate();
        DtlsEndpoint client = new DtlsEndpoint(clientCertificate, DtlsRole.CLIENT, "sha-256",
                serverCertificate.fingerprintSha256(), executor, wakeups::release, 1200);
        DtlsEndpoint server = new DtlsEndpoint(serverCertificate, DtlsRole.SERVER, "sha-256",
                clientCertificate.fingerprintSha256(), executor, wakeups::release, 1200);
        try {
            client.start();
            byte[] clientHello = awaitTransmit(client, wakeups);
            server.start();
            server.handleInput(withExtensions(clientHello, new byte[] {
                0x00, 0x2b, 0x00, 0x03, 0x02, (byte) 0xFE, (byte) 0xFC, // supported_versions {DTLS 1.3}
            }));
            byte[] reply = awaitTransmit(server, wakeups);
            assertThat(reply[0]).as("record content type alert").isEqualTo((byte) 21);
            assertThat(reply[RECORD_HEADER + 1]).as("protocol_version alert").isEqualTo((byte) 70);
        } finally {
            client.close();
            server.close();
            executor.shutdown();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static byte[] awaitTransmit(DtlsEndpoint endpoint, Semaphore wakeups) throws InterruptedException {
        List<DtlsOutput> others = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            DtlsOutput output = endpoint.pollOutput();
            if (output instanceof DtlsOutput.Transmit transmit) {
                return transmit.datagram();
            }
            if (output != null) {
                others.add(output);
            } else {
                wakeups.tryAcquire(50, TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("no datagram sent; other outputs: " + others);
    }

    /**
     * The DTLS 1.3 extensions Chrome adds to its ClientHello: supported_versions {DTLS 1.3, DTLS 1.2},
     * psk_key_exchange_modes {psk_dhe_ke} and a key_share with an X25519 public value.
     */
    private static final byte[] DTLS13_AND_12_OFFER = chromeLikeExtensions();

    private static byte[] chromeLikeExtensions() {
        ByteBuffer extensions = ByteBuffer.allocate(9 + 6 + 42);
        extensions.put(new byte[] {0x00, 0x2b, 0x00, 0x05, 0x04, (byte) 0xFE, (byte) 0xFC, (byte) 0xFE, (byte) 0xFD});
        extensions.put(new byte[] {0x00, 0x2d, 0x00, 0x02, 0x01, 0x01});
        // key_share: extension length 38, client_shares length 36, group x25519 (0x001d), 32-byte key.
        extensions.putShort((short) 0x0033).putShort((short) 38).putShort((short) 36);
        extensions.putShort((short) 0x001d).putShort((short) 32);
        for (int i = 0; i < 32; i++) {
            extensions.put((byte) (0x40 + i));
        }
        return extensions.array();
    }

    /**
     * Appends encoded extensions to a single-record, unfragmented DTLS ClientHello, fixing the four enclosing
     * lengths (record, handshake, fragment, extensions).
     */
    static byte[] withExtensions(byte[] datagram, byte[] extra) {
        ByteBuffer in = ByteBuffer.wrap(datagram);
        int body = RECORD_HEADER + HANDSHAKE_HEADER;
        int position = body + 2 + 32;                       // client_version, random
        position += 1 + (in.get(position) & 0xFF);          // session_id
        position += 1 + (in.get(position) & 0xFF);          // cookie
        position += 2 + (in.getShort(position) & 0xFFFF);   // cipher_suites
        position += 1 + (in.get(position) & 0xFF);          // compression_methods
        int extensionsLengthAt = position;

        ByteBuffer out = ByteBuffer.allocate(datagram.length + extra.length);
        out.put(datagram).put(extra);
        out.putShort(11, (short) (in.getShort(11) + extra.length));                    // record length
        add24(out, RECORD_HEADER + 1, extra.length);                                 // handshake length
        add24(out, RECORD_HEADER + 9, extra.length);                                 // fragment length
        out.putShort(extensionsLengthAt, (short) (in.getShort(extensionsLengthAt) + extra.length));
        return out.array();
    }

    private static void add24(ByteBuffer buffer, int at, int delta) {
        int value = ((buffer.get(at) & 0xFF) << 16) | ((buffer.get(at + 1) & 0xFF) << 8) | (buffer.get(at + 2) & 0xFF);
        value += delta;
        buffer.put(at, (byte) (value >> 16)).put(at + 1, (byte) (value >> 8)).put(at + 2, (byte) value);
    }
}
