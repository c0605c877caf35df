package io.mediamesh.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.sip.media.JitterBuffer.Kind;
import io.mediamesh.sip.media.JitterBuffer.Playout;
import io.mediamesh.sip.media.JitterBuffer.PushResult;
import io.mediamesh.testsupport.FakeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private final FakeClock clock = new FakeClock(0);
    private final JitterBuffer buffer = new JitterBuffer(8000, 20, 20, 200, 160);
    /** Arrival time (ms) to the sequence numbers arriving then, in order. */
    private final TreeMap<Long, List<Integer>> arrivals = new TreeMap<>();
    private final List<String> played = new ArrayList<>();

    private static byte[] payloadOf(int seq) {
        byte[] payload = new byte[160];
        payload[0] = (byte) (seq >> 8);
        payload[1] = (byte) seq;
        return payload;
    }

    private void arrive(long millis, int seq) {
        arrivals.computeIfAbsent(millis, k -> new ArrayList<>()).add(seq);
    }

    /** Sends seq {@code first..first+count-1} on time: packet i at 20 i ms (timestamps 160 apart). */
    private void steady(int first, int count, long startMillis) {
        for (int i = 0; i < count; i++) {
            arrive(startMillis + 20L * i, (first + i) & 0xFFFF);
        }
    }

    /** 160 per packet, continuous across the sequence wrap (65535 is just before 0). */
    private static long timestampOf(int seq) {
        return 160L * (short) seq;
    }

    /** Runs the clock to {@code endMillis}, pushing arrivals and popping at 10, 30, 50, ... ms; logs each tick. */
    private void run(long endMillis) {
        while (clock.nowMillis() < endMillis) {
            long now = clock.nowMillis();
            for (int seq : arrivals.getOrDefault(now, List.of())) {
                buffer.push(seq, timestampOf(seq), payloadOf(seq), now);
            }
            if (now % 20 == 10) {
                Playout out = buffer.pop(now);
                if (out.kind() == Kind.FRAME) {
                    int carried = (out.payload()[0] & 0xFF) << 8 | out.payload()[1] & 0xFF;
                    assertThat(carried).isEqualTo(out.sequence());
                    assertThat(out.length()).isEqualTo(160);
                    assertThat(out.timestamp()).isEqualTo(timestampOf(out.sequence()) & 0xFFFFFFFFL);
                    played.add(Integer.toString(out.sequence()));
                } else {
                    played.add(out.kind() == Kind.MISSING ? "-" : ".");
                }
                assertThat(buffer.bufferedFrames() * 20).isLessThanOrEqualTo(200 + 20);
            }
            clock.advance(1, TimeUnit.MILLISECONDS);
        }
    }

    private String log() {
        return String.join(" ", played);
    }

    @Test
    void inOrderPacketsPlayInOrderAfterTheTargetDelay() {
        assertThat(buffer.pop(0).kind()).isEqualTo(Kind.IDLE);
        steady(0, 10, 0);
        run(220);
        // t=10: the first packet is 10 ms old, under the 20 ms target; t=30: it plays.
        assertThat(log()).isEqualTo("- 0 1 2 3 4 5 6 7 8 9");
        assertThat(buffer.lost()).isZero();
        assertThat(buffer.late()).isZero();
        assertThat(buffer.targetDelayMillis()).isEqualTo(20);
    }

    @Test
    void reorderedPacketsWithinTheDelayAreSorted() {
        steady(0, 3, 0);
        arrive(60, 4);
        arrive(75, 3); // overtaken, but here before its turn at t=90
        steady(5, 5, 100);
        run(220);
        assertThat(log()).isEqualTo("- 0 1 2 3 4 5 6 7 8 9");
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void aPacketArrivingAfterItsTurnIsLateAndDropped() {
        steady(0, 3, 0);
        arrive(60, 4);
        arrive(80, 5);
        arrive(95, 3); // its turn was t=90
        steady(6, 4, 120);
        run(220);
        assertThat(log()).isEqualTo("- 0 1 2 - 4 5 6 7 8 9");
        assertThat(buffer.lost()).isEqualTo(1);
        assertThat(buffer.late()).isEqualTo(1);
    }

    @Test
    void aLostPacketIsOneMissingTick() {
        steady(0, 5, 0);
        steady(6, 6, 120);
        run(240);
        assertThat(log()).isEqualTo("- 0 1 2 3 4 - 6 7 8 9 10");
        assertThat(buffer.lost()).isEqualTo(1);
        assertThat(buffer.underruns()).isZero();
    }

    @Test
    void duplicatesAreDroppedAndPlayedOnce() {
        steady(0, 6, 0);
        arrive(45, 2);
        arrive(50, 0); // already played: late, not duplicate
        run(140);
        assertThat(log()).isEqualTo("- 0 1 2 3 4 5");
        assertThat(buffer.duplicates()).isEqualTo(1);
        assertThat(buffer.late()).isEqualTo(1);
        assertThat(buffer.push(5, 0, payloadOf(5), 140)).isEqualTo(PushResult.LATE);
    }

    @Test
    void sequenceNumbersWrapAround() {
        steady(65530, 12, 0);
        run(260);
        assertThat(log()).isEqualTo("- 65530 65531 65532 65533 65534 65535 0 1 2 3 4 5");
        assertThat(buffer.lost() + buffer.late() + buffer.resets()).isZero();
    }

    @Test
    void reorderingAcrossTheWrapBeforePlayoutStarts() {
        arrive(0, 0);
        arrive(5, 65535); // the real first packet, overtaken
        steady(1, 5, 20);
        run(140);
        assertThat(log()).isEqualTo("- 65535 0 1 2 3 4");
    }

    @Test
    void aBurstAfterAGapIsPlayedInOrderAndTheDelayComesBackDown() {
        steady(0, 10, 0);
        for (int seq = 10; seq < 20; seq++) {
            arrive(400, seq); // held up in the network for 200 ms, then delivered at once
        }
        steady(20, 40, 400);
        run(1300); // the stream ends at 1180 ms; the last frame plays before 1300
        // "- 0 1 2 3 4 5 6 7 8 9", twelve "-" (the stall, then refilling to the grown target), "14 16 17 ..."
        List<Integer> frames = played.stream().filter(s -> !s.equals("-")).map(Integer::valueOf).toList();
        assertThat(frames).isSorted().doesNotHaveDuplicates();
        assertThat(frames.subList(0, 10)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        // part of the burst is stale by the time playout resumes: the buffer cuts to its target, keeps the newest
        assertThat(frames.get(10)).isBetween(10, 19);
        assertThat(frames).contains(59);
        assertThat(buffer.underruns()).isEqualTo(1);
        assertThat(buffer.late()).isZero();
        assertThat(buffer.lost()).isZero();
        // the stall grew the delay; the surplus was dropped gradually or at once, never more than the maximum held
        assertThat(frames.size() + buffer.discarded()).isEqualTo(60);
        // in the end, ticks play every frame again without gaps
        assertThat(played.subList(played.size() - 10, played.size())).doesNotContain("-");
        assertThat(buffer.targetDelayMillis()).isBetween(20, 200);
        assertThat(buffer.discarded()).isPositive();
    }

    @Test
    void theTargetDelayFollowsTheJitter() {
        // 100 packets, every other one 40 ms late: |D| = 40 ms each time, J tends to 40 ms
        for (int seq = 0; seq < 100; seq++) {
            arrive(20L * seq + (seq % 2 == 1 ? 40 : 0), seq);
        }
        run(2000);
        assertThat(buffer.jitterMillis()).isBetween(30.0, 40.0);
        assertThat(buffer.targetDelayMillis()).isEqualTo(160); // 4 J rounded up to frames
        JitterBuffer calm = new JitterBuffer(8000, 20, 20, 200, 160);
        for (int seq = 0; seq < 100; seq++) {
            calm.push(seq, timestampOf(seq), payloadOf(seq), 20L * seq);
        }
        assertThat(calm.jitterMillis()).isZero();
        assertThat(calm.targetDelayMillis()).isEqualTo(20);
        JitterBuffer wild = new JitterBuffer(8000, 20, 20, 200, 160);
        for (int seq = 0; seq < 100; seq++) {
            wild.push(seq, timestampOf(seq), payloadOf(seq), 20L * seq + (seq % 2) * 300);
        }
        assertThat(wild.targetDelayMillis()).as("capped at the maximum").isEqualTo(200);
    }

    @Test
    void theJitteryStreamPlaysWithoutLoss() {
        // arrivals uniformly spread up to 50 ms late (a fixed pseudo-random pattern)
        for (int seq = 0; seq < 150; seq++) {
            arrive(20L * seq + (seq * 37 % 51), seq);
        }
        run(3200);
        assertThat(buffer.targetDelayMillis()).isGreaterThan(20);
        List<Integer> frames = played.stream().filter(s -> !s.equals("-")).map(Integer::valueOf).toList();
        assertThat(frames).isSorted().doesNotHaveDuplicates();
        // once adapted, the delay absorbs the jitter: the last 100 packets are all played
        assertThat(frames).containsAll(java.util.stream.IntStream.range(50, 150).boxed().toList());
    }

    @Test
    void aLargeForwardJumpRestartsTheBuffer() {
        steady(0, 5, 0);
        steady(20000, 5, 100);
        run(220);
        assertThat(log()).isEqualTo("- 0 1 2 3 - 20000 20001 20002 20003 20004");
        assertThat(buffer.resets()).isEqualTo(1);
        assertThat(buffer.discarded() + buffer.late()).isZero();
    }

    @Test
    void aLargeBackwardJumpIsAStragglerUnlessTheNextPacketFollowsIt() {
        steady(1000, 5, 0);
        assertThat(buffer.push(1000, 0, payloadOf(0), 0)).isEqualTo(PushResult.ACCEPTED);
        assertThat(buffer.push(500, 0, payloadOf(0), 1)).isEqualTo(PushResult.LATE);
        assertThat(buffer.push(1001, 160, payloadOf(1), 20)).isEqualTo(PushResult.ACCEPTED);
        assertThat(buffer.push(7, 0, payloadOf(7), 30)).isEqualTo(PushResult.LATE);
        assertThat(buffer.push(8, 160, payloadOf(8), 40)).isEqualTo(PushResult.RESET);
        assertThat(buffer.resets()).isEqualTo(1);
        assertThat(buffer.pop(50).kind()).isEqualTo(Kind.MISSING);
        Playout out = buffer.pop(70);
        assertThat(out.kind()).isEqualTo(Kind.FRAME);
        assertThat(out.sequence()).isEqualTo(8);
    }

    @Test
    void resetForgetsTheStream() {
        buffer.push(1, 0, payloadOf(1), 0);
        buffer.reset();
        assertThat(buffer.pop(100).kind()).isEqualTo(Kind.IDLE);
        assertThat(buffer.bufferedFrames()).isZero();
        assertThat(buffer.push(2, 0, new byte[161], 100)).isEqualTo(PushResult.TOO_LARGE);
    }
}
