package io.mediamesh.overlay;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.overlay.wire.NodeId;
import io.mediamesh.testsupport.FakeClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two engines wired back to back by hand: handshake, dead-link detection, and bad input counted, not thrown. */
class OverlayNodeTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final InetSocketAddress A = InetSocketAddress.createUnresolved("a", 7000);
    private static final InetSocketAddress B = InetSocketAddress.createUnresolved("b", 7000);
    private final FakeClock clock = new FakeClock(10_000_000);
    private final OverlayNode a = new OverlayNode(OverlayConfig.of(NodeId.of(1, 1), SECRET, "a:7000", List.of(B)),
            clock.nowMicros());
    private final OverlayNode b = new OverlayNode(OverlayConfig.of(NodeId.of(1, 2), SECRET, "b:7000", List.of()),
            clock.nowMicros());
    private final List<OverlayOutput> eventsA = new ArrayList<>();
    private final List<OverlayOutput> eventsB = new ArrayList<>();

    /** Delivers everything both engines want to send, instantly, until quiet; returns frames captured a->b. */
    private List<byte[]> exchange(boolean deliverToA) {
        List<byte[]> aToB = new ArrayList<>();
        boolean busy = true;
        while (busy) {
            busy = false;
            OverlayOutput out;
            while ((out = a.pollOutput()) != null) {
                busy = true;
                if (out instanceof OverlayOutput.Transmit t) {
                    aToB.add(ByteBufUtil.getBytes(t.frame()));
                    b.handleDatagram(clock.nowMicros(), A, t.frame());
                    t.frame().release();
                } else {
                    eventsA.add(out);
                }
            }
            while ((out = b.pollOutput()) != null) {
                busy = true;
                if (out instanceof OverlayOutput.Transmit t) {
                    if (deliverToA) {
                        a.handleDatagram(clock.nowMicros(), B, t.frame());
                    }
                    t.frame().release();
                } else {
                    eventsB.add(out);
                }
            }
        }
        return aToB;
    }

    @Test
    void handshakeBringsTheLinkUpAndSilenceBringsItDown() {
        a.handleTimeout(clock.nowMicros());
        exchange(true);
        assertThat(eventsA).contains(new OverlayOutput.LinkUp(NodeId.of(1, 2)));
        assertThat(eventsB).contains(new OverlayOutput.LinkUp(NodeId.of(1, 1)));
        assertThat(a.nextHop(NodeId.of(1, 2))).isEqualTo(NodeId.of(1, 2));
        assertThat(a.links().get(0).srttMicros()).as("instant delivery").isZero();

        // b stops answering: a declares the link dead 3 s after the last pong and withdraws the route.
        long lastPong = clock.nowMicros();
        while (clock.nowMicros() < lastPong + 4_000_000) {
            clock.advance(a.pollTimeoutMicros() - clock.nowMicros(), TimeUnit.MICROSECONDS);
            a.handleTimeout(clock.nowMicros());
            exchange(false);
            if (eventsA.contains(new OverlayOutput.LinkDown(NodeId.of(1, 2)))) {
                break;
            }
        }
        assertThat(clock.nowMicros()).isEqualTo(lastPong + 3_000_000);
        assertThat(eventsA).contains(new OverlayOutput.LinkDown(NodeId.of(1, 2)),
                new OverlayOutput.RouteChanged(NodeId.of(1, 2), null, Integer.MAX_VALUE, 1));
        assertThat(a.nextHop(NodeId.of(1, 2))).isNull();
    }

    @Test
    void malformedUnauthenticatedReplayedAndStrangerFramesAreCountedAndDropped() {
        a.handleTimeout(clock.nowMicros());
        List<byte[]> captured = exchange(true);
        OverlayCounters before = b.counters();

        b.handleDatagram(clock.nowMicros(), A, buf("01"));
        b.handleDatagram(clock.nowMicros(), A, buf("0902000000000101 0000000000000001" + "00".repeat(16)));
        b.handleDatagram(clock.nowMicros(), A, Unpooled.wrappedBuffer(captured.get(0)));
        byte[] flipped = captured.get(captured.size() - 1).clone();
        // A counter never used (so not a replay) makes the header, the AEAD additional data, fail the tag.
        flipped[8] = 0x7f;
        b.handleDatagram(clock.nowMicros(), A, Unpooled.wrappedBuffer(flipped));

        OverlayNode stranger = new OverlayNode(OverlayConfig.of(NodeId.of(1, 9), SECRET, "c:7000", List.of()),
                clock.nowMicros());
        stranger.subscribe(clock.nowMicros(), io.mediamesh.overlay.wire.ChannelId.of("r", "p", "t"),
                NodeId.of(1, 2));
        stranger.addNeighbour(clock.nowMicros(), B);
        OverlayOutput hello = stranger.pollOutput();
        assertThat(hello).isInstanceOf(OverlayOutput.Transmit.class);
        ByteBuf helloFrame = ((OverlayOutput.Transmit) hello).frame();
        // A Ping from an authenticated node that never said Hello is not accepted.
        ByteBuf ping = new io.mediamesh.overlay.wire.FrameSealer(
                io.mediamesh.overlay.wire.OverlayKeys.frameKeys(SECRET), NodeId.of(1, 9), 1)
                .seal(clock.nowMicros(), new io.mediamesh.overlay.wire.Ping(1, 1), io.netty.buffer.ByteBufAllocator.DEFAULT);
        b.handleDatagram(clock.nowMicros(), InetSocketAddress.createUnresolved("c", 7000), ping);
        ping.release();
        helloFrame.release();

        OverlayCounters after = b.counters();
        assertThat(after.malformed() - before.malformed()).isEqualTo(2);
        assertThat(after.replayed() - before.replayed()).isEqualTo(1);
        assertThat(after.unauthenticated() - before.unauthenticated()).isEqualTo(1);
        assertThat(after.notNeighbour() - before.notNeighbour()).isEqualTo(1);
        assertThat(after.framesIn() - before.framesIn()).isEqualTo(5);
    }

    @Test
    void configAndTimersAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OverlayTimers(1_000_000, 500_000, 5_000_000,
                0, 5_000_000, 1, 1, 0, 0, 16)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OverlayConfig.of(NodeId.of(1, 1), new byte[8],
                "a", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
