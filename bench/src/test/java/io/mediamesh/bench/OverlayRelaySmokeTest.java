package io.mediamesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class OverlayRelaySmokeTest {

    @Test
    void oneCapturedFrameRelayedByRReachesEveryDownstreamOnce() {
        SealedFrameRing ring = SealedFrameRing.capture(4, 2, OverlayRelayBenchmark.PACKET_INTERVAL_MICROS);
        OverlayMesh mesh = OverlayMesh.converged(4, 0);
        try {
            ByteBuf datagram = Unpooled.buffer(2048);
            long now = mesh.now() + OverlayRelayBenchmark.PACKET_INTERVAL_MICROS;
            mesh.deliver(now, OverlayMesh.SOURCE, OverlayMesh.RELAY, ring.copy(0, datagram));

            byte[] expected = ByteBufUtil.getBytes(ring.firstPayload());
            for (int d = 0; d < 4; d++) {
                assertThat(mesh.received(OverlayMesh.RELAY + 1 + d)).as("downstream %d", d)
                        .singleElement().satisfies(p -> assertThat(ByteBufUtil.getBytes(p)).isEqualTo(expected));
            }
            assertThat(mesh.received(OverlayMesh.SOURCE)).isEmpty();
            assertThat(mesh.received(OverlayMesh.RELAY)).isEmpty();

            // The same frame again is a replay: this is why the benchmark rebuilds the mesh before reusing the ring.
            mesh.deliver(now + 1, OverlayMesh.SOURCE, OverlayMesh.RELAY, ring.copy(0, datagram));
            assertThat(mesh.received(OverlayMesh.RELAY + 1)).hasSize(1);
            assertThat(mesh.relay().counters().replayed()).isEqualTo(1);
        } finally {
            mesh.close();
        }
    }
}
