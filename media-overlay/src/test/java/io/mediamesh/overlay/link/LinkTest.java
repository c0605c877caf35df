package io.mediamesh.overlay.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.testsupport.FakeClock;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LinkTest {
    private static final InetSocketAddress SEED = InetSocketAddress.createUnresolved("seed", 7000);
    private final FakeClock clock = new FakeClock(1_000_000);

    private Link upLink() {
        LinkTable table = new LinkTable();
        table.addSeed(SEED, clock.nowMicros());
        Link link = table.onHello(0x103, SEED, clock.nowMicros());
        assertThat(table.lastHelloBroughtUp()).isTrue();
        return link;
    }

    @Test
    void smoothsRttWithAnEighthGain() {
        Link link = upLink();
        assertThat(link.srttMicros(1_000_000)).as("initial before any sample").isEqualTo(1_000_000);
        long sent = clock.nowMicros();
        int seq = link.startPing();
        clock.advance(40, TimeUnit.MILLISECONDS);
        assertThat(link.onPong(seq, sent, clock.nowMicros())).isTrue();
        assertThat(link.srttMicros(0)).isEqualTo(40_000);
        clock.advance(1, TimeUnit.SECONDS);
        sent = clock.nowMicros();
        seq = link.startPing();
        clock.advance(80, TimeUnit.MILLISECONDS);
        link.onPong(seq, sent, clock.nowMicros());
        assertThat(link.srttMicros(0)).isEqualTo(40_000 + (80_000 - 40_000) / 8);
        assertThat(link.onPong(seq, sent, clock.nowMicros())).as("duplicate pong").isFalse();
        assertThat(link.loss()).isZero();
    }

    @Test
    void countsUnansweredPingsAsLossOverTheWindow() {
        Link link = upLink();
        for (int i = 0; i < 10; i++) {
            long sent = clock.nowMicros();
            int seq = link.startPing();
            clock.advance(10, TimeUnit.MILLISECONDS);
            if (i % 5 != 0) {
                link.onPong(seq, sent, clock.nowMicros());
            }
            clock.advance(990, TimeUnit.MILLISECONDS);
        }
        link.startPing();
        assertThat(link.loss()).isEqualTo(0.2);
        // A pong for a ping out of the answer window is not a sample.
        assertThat(link.onPong(0, clock.nowMicros() - 10_000_000, clock.nowMicros())).isFalse();
    }

    @Test
    void aPongAfterTheNextPingIsALateAnswerNotALoss() {
        Link link = upLink();
        long firstSent = clock.nowMicros();
        int first = link.startPing();
        clock.advance(500, TimeUnit.MILLISECONDS);
        long secondSent = clock.nowMicros();
        int second = link.startPing();
        clock.advance(300, TimeUnit.MILLISECONDS);
        // The neighbour stalled: both Pongs come together, the first 800 ms after its Ping.
        assertThat(link.onPong(first, firstSent, clock.nowMicros())).isTrue();
        assertThat(link.onPong(second, secondSent, clock.nowMicros())).isTrue();
        assertThat(link.srttMicros(0)).isEqualTo(800_000 + (300_000 - 800_000) / 8);
        for (int i = 0; i < Link.ANSWER_PINGS; i++) {
            link.startPing();
        }
        assertThat(link.loss()).as("two answered pings, none lost yet").isZero();
        link.startPing();
        assertThat(link.loss()).as("the first unanswered ping, %d pings later", Link.ANSWER_PINGS)
                .isEqualTo(1.0 / 3);
    }

    @Test
    void isDeadAfterThreeSecondsWithoutPong() {
        Link link = upLink();
        long sent = clock.nowMicros();
        int seq = link.startPing();
        clock.advance(20, TimeUnit.MILLISECONDS);
        link.onPong(seq, sent, clock.nowMicros());
        long lastPong = clock.nowMicros();
        clock.advance(2_999, TimeUnit.MILLISECONDS);
        assertThat(link.isDead(clock.nowMicros(), 3_000_000)).isFalse();
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(link.isDead(clock.nowMicros(), 3_000_000)).isTrue();
        assertThat(link.deadlineMicros(3_000_000)).isEqualTo(lastPong + 3_000_000);
    }

    @Test
    void learnedLinksAreForgottenWhenDownSeedsAreKept() {
        LinkTable table = new LinkTable();
        table.addSeed(SEED, 0);
        Link seed = table.onHello(0x103, SEED, 0);
        Link learned = table.onHello(0x104, InetSocketAddress.createUnresolved("other", 7000), 0);
        assertThat(table.all()).hasSize(2);
        table.markDown(learned, 10);
        table.markDown(seed, 10);
        assertThat(table.all()).containsExactly(seed);
        assertThat(seed.state()).isEqualTo(LinkState.DOWN);
        assertThat(table.up(0x103)).isNull();
    }
}
