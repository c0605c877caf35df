package io.mediamesh.core.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediamesh.core.srtp.SrtpKeys;
import io.mediamesh.core.srtp.SrtpProfile;
import io.mediamesh.core.srtp.SrtpSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DtlsEndpointTest {

    @Test
    void clientAndServerConnectWithMirroredGcmKeys() throws Exception {
        try (DtlsLink link = new DtlsLink().build()) {
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                    && DtlsLink.connected(link.serverEvents), 5000)).as(link::describe).isTrue();

            SrtpKeys client = DtlsLink.connectedEvent(link.clientEvents).keys();
            SrtpKeys server = DtlsLink.connectedEvent(link.serverEvents).keys();
            assertThat(client.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
            assertThat(server.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
            assertThat(client.localKey()).isEqualTo(server.remoteKey());
            assertThat(client.localSalt()).isEqualTo(server.remoteSalt());
            assertThat(client.remoteKey()).isEqualTo(server.localKey());
            assertThat(client.remoteSalt()).isEqualTo(server.localSalt());
            assertThat(client.localKey()).isNotEqualTo(client.remoteKey());
            assertThat(link.clientEvents).hasSize(1);
            assertThat(link.serverEvents).hasSize(1);
        }
    }

    @Test
    void exportedKeysDriveSrtpBetweenThePeers() throws Exception {
        try (DtlsLink link = new DtlsLink().build()) {
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                    && DtlsLink.connected(link.serverEvents), 5000)).as(link::describe).isTrue();
            try (SrtpSession browser = SrtpSession.create(DtlsLink.connectedEvent(link.clientEvents).keys());
                 SrtpSession sfu = SrtpSession.create(DtlsLink.connectedEvent(link.serverEvents).keys())) {
                ByteBuf packet = Unpooled.buffer(200).writeBytes(new byte[] {
                    (byte) 0x80, 111, 0, 1, 0, 0, 0, 1, 0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4, 5, 6, 7, 8});
                byte[] plain = ByteBufUtil.getBytes(packet);
                assertThat(browser.protectRtp(packet)).isTrue();
                assertThat(sfu.unprotectRtp(packet)).isTrue();
                assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(plain);
                assertThat(sfu.protectRtp(packet)).isTrue();
                assertThat(browser.unprotectRtp(packet)).isTrue();
                assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(plain);
            }
        }
    }

    @Test
    void serverRejectsClientWithWrongFingerprint() throws Exception {
        String wrong = DtlsCertificate.generate().fingerprintSha256();
        try (DtlsLink link = new DtlsLink().build(null, wrong, 5000)) {
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.serverEvents)
                    && DtlsLink.terminal(link.clientEvents), 8000)).as(link::describe).isTrue();
            assertThat(link.serverEvents).singleElement().isInstanceOf(DtlsOutput.Failed.class);
            assertThat(((DtlsOutput.Failed) link.serverEvents.get(0)).reason()).contains("bad_certificate");
            assertThat(link.clientEvents).noneMatch(e -> e instanceof DtlsOutput.Connected);
            assertThat(link.clientEvents).last().isInstanceOf(DtlsOutput.Failed.class);
        }
    }

    @Test
    void clientRejectsServerWithWrongFingerprint() throws Exception {
        String wrong = DtlsCertificate.generate().fingerprintSha256();
        try (DtlsLink link = new DtlsLink().build(wrong, null, 5000)) {
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.clientEvents)
                    && DtlsLink.terminal(link.serverEvents), 8000)).as(link::describe).isTrue();
            assertThat(link.clientEvents).singleElement().isInstanceOf(DtlsOutput.Failed.class);
            assertThat(link.serverEvents).noneMatch(e -> e instanceof DtlsOutput.Connected);
        }
    }

    @Test
    void lostFirstFlightIsRetransmitted() throws Exception {
        try (DtlsLink link = new DtlsLink().build()) {
            // Lose the first ClientHello and the server's first flight.
            link.drop = (side, index, datagram) -> index == 0;
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                    && DtlsLink.connected(link.serverEvents), 8000)).as(link::describe).isTrue();
            assertThat(DtlsLink.connectedEvent(link.clientEvents).keys().localKey())
                    .isEqualTo(DtlsLink.connectedEvent(link.serverEvents).keys().remoteKey());
        }
    }

    @Test
    void garbageDatagramsAreIgnoredDuringTheHandshake() throws Exception {
        try (DtlsLink link = new DtlsLink().build()) {
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < 50; i++) {
                byte[] junk = new byte[1 + random.nextInt(300)];
                random.nextBytes(junk);
                junk[0] = (byte) (20 + random.nextInt(4)); // a plausible DTLS content type
                link.server.handleInput(junk);
            }
            link.start();
            for (int i = 0; i < 20; i++) {
                byte[] junk = new byte[13 + random.nextInt(100)];
                random.nextBytes(junk);
                junk[0] = 22;
                junk[1] = (byte) 0xFE;
                junk[2] = (byte) 0xFD;
                link.client.handleInput(junk);
            }
            assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                    && DtlsLink.connected(link.serverEvents), 8000)).as(link::describe).isTrue();
        }
    }

    @Test
    void handshakeTimesOutWhenThePeerIsSilent() throws Exception {
        try (DtlsLink link = new DtlsLink().build(null, null, 1500)) {
            link.drop = (side, index, datagram) -> true;
            link.server.start();
            link.client.start();
            assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.serverEvents)
                    && DtlsLink.terminal(link.clientEvents), 6000)).as(link::describe).isTrue();
            assertThat(link.serverEvents).singleElement().isInstanceOf(DtlsOutput.Failed.class);
            assertThat(((DtlsOutput.Failed) link.serverEvents.get(0)).reason()).contains("timed out");
            assertThat(link.clientEvents).singleElement().isInstanceOf(DtlsOutput.Failed.class);
        }
    }

    @Test
    void closeNotifyFromThePeerProducesClosed() throws Exception {
        try (DtlsLink link = new DtlsLink().build()) {
            link.start();
            assertThat(link.pumpUntil(() -> DtlsLink.connected(link.clientEvents)
                    && DtlsLink.connected(link.serverEvents), 5000)).as(link::describe).isTrue();
            link.client.close();
            assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.serverEvents)
                    && DtlsLink.terminal(link.clientEvents), 5000)).as(link::describe).isTrue();
            assertThat(link.clientEvents).last().isInstanceOf(DtlsOutput.Closed.class);
            assertThat(link.serverEvents).last().isInstanceOf(DtlsOutput.Closed.class);
        }
    }

    @Test
    void rejectedHandshakeTaskFails() {
        DtlsCertificate certificate = DtlsCertificate.generate();
        DtlsEndpoint endpoint = new DtlsEndpoint(certificate, DtlsRole.SERVER, "sha-256",
                certificate.fingerprintSha256(), task -> {
                    throw new java.util.concurrent.RejectedExecutionException("full");
                }, () -> { }, 1200);
        endpoint.start();
        assertThat(endpoint.pollOutput()).isInstanceOf(DtlsOutput.Failed.class);
        assertThat(endpoint.pollOutput()).isNull();
        assertThatThrownBy(endpoint::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void constructorRejectsUnknownHashFunction() {
        DtlsCertificate certificate = DtlsCertificate.generate();
        assertThatThrownBy(() -> new DtlsEndpoint(certificate, DtlsRole.CLIENT, "md5", "AB",
                Runnable::run, () -> { }, 1200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingDuringTheHandshakeEndsWithClosed() throws Exception {
        try (DtlsLink link = new DtlsLink().build()) {
            link.server.start(); // no client: the server waits for a ClientHello
            link.server.close();
            assertThat(link.pumpUntil(() -> DtlsLink.terminal(link.serverEvents), 3000)).as(link::describe).isTrue();
            assertThat(link.serverEvents).singleElement().isInstanceOf(DtlsOutput.Closed.class);
            assertThat(link.server.pollOutput()).isNull();
        }
    }
}
