package io.mediamesh.core.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.audio.ActiveSpeakerDetector.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Traces: each speaker sends one level per 20 ms packet (as PublishedTrack sees them) or one per 300 ms window (as
 * nodes report them), and the ranking is read every 100 ms.
 */
class ActiveSpeakerDetectorTest {
    private static final int SILENT = 127;
    private final ActiveSpeakerDetector detector = new ActiveSpeakerDetector();
    /** The dominant speaker after each update, for flapping checks. */
    private final List<String> dominants = new ArrayList<>();
    private long now = 1_000_000;

    /** Runs {@code millis} of packets: speaker i sends level {@code levels[i].applyAsInt(t)} at t ms into the run. */
    private void run(long millis, long sampleEvery, String[] ids, IntUnaryOperator... levels) {
        for (long t = 0; t < millis; t += 20) {
            now += 20;
            if (t % sampleEvery == 0) {
                for (int i = 0; i < ids.length; i++) {
                    detector.onLevel(ids[i], levels[i].applyAsInt((int) t), true, now);
                }
            }
            if (t % 100 == 0) {
                detector.update(now);
                String dominant = detector.dominant();
                if (dominants.isEmpty() || !java.util.Objects.equals(dominants.get(dominants.size() - 1), dominant)) {
                    dominants.add(dominant);
                }
            }
        }
    }

    private static IntUnaryOperator constant(int level) {
        return t -> level;
    }

    private List<String> ids() {
        return detector.ranking().stream().map(Speaker::id).toList();
    }

    @Test
    void loudSpeakerIsActiveAndTheSilentOneIsNot() {
        run(2_000, 20, new String[] {"alice", "bob"}, constant(10), constant(SILENT));
        assertThat(ids()).containsExactly("alice");
        assertThat(detector.ranking().get(0).levelDbov()).isBetween(-12, -8);
    }

    @Test
    void becomesActiveWithinHalfASecond() {
        run(200, 20, new String[] {"alice"}, constant(20));
        assertThat(ids()).isEmpty();
        run(300, 20, new String[] {"alice"}, constant(20));
        assertThat(ids()).containsExactly("alice");
    }

    @Test
    void twoAlternatingSpeakersHandOverOnceEach() {
        String[] ids = {"alice", "bob"};
        // alice speaks 0-3 s, bob 3-6 s, alice 6-9 s; the other one is silent.
        run(9_000, 20, ids, t -> (t / 3000) % 2 == 0 ? 15 : SILENT, t -> (t / 3000) % 2 == 1 ? 15 : SILENT);
        assertThat(dominants).containsExactly(null, "alice", "bob", "alice");
    }

    @Test
    void handOverTakesLessThanOneAndAHalfSeconds() {
        String[] ids = {"alice", "bob"};
        run(3_000, 20, ids, constant(15), constant(SILENT));
        assertThat(detector.dominant()).isEqualTo("alice");
        long switchAt = now;
        while (!"bob".equals(detector.dominant())) {
            run(100, 20, ids, constant(SILENT), constant(15));
        }
        assertThat(now - switchAt).isBetween(500L, 1_500L);
    }

    @Test
    void aCoughDoesNotTakeTheFloor() {
        String[] ids = {"alice", "bob"};
        // alice talks steadily at -25 dBov; bob coughs at -3 dBov for 60 ms at 2 s.
        run(5_000, 20, ids, constant(25), t -> t >= 2_000 && t < 2_060 ? 3 : SILENT);
        assertThat(dominants).containsExactly(null, "alice");
        assertThat(ids()).containsExactly("alice");
    }

    @Test
    void aClickAloneMakesNobodyActive() {
        run(3_000, 20, new String[] {"bob"}, t -> t == 1_000 ? 0 : SILENT);
        assertThat(dominants).containsExactly((String) null);
    }

    @Test
    void silenceIsNobody() {
        run(3_000, 20, new String[] {"alice", "bob"}, constant(SILENT), constant(90));
        assertThat(dominants).containsExactly((String) null);
        assertThat(detector.update(now)).isFalse();
    }

    @Test
    void speakersWhoStopAreGoneWithinTwoSeconds() {
        String[] ids = {"alice"};
        run(2_000, 20, ids, constant(10));
        assertThat(ids()).containsExactly("alice");
        run(2_000, 20, ids, constant(SILENT));
        assertThat(ids()).isEmpty();
    }

    @Test
    void speakerThatSendsNothingAnyMoreDecaysToNobody() {
        run(2_000, 20, new String[] {"alice"}, constant(10));
        run(3_000, 20, new String[] {}); // no samples at all (its node went quiet)
        assertThat(ids()).isEmpty();
    }

    @Test
    void twoVoicesOfAboutTheSameLoudnessKeepTheirOrder() {
        String[] ids = {"alice", "bob"};
        run(500, 20, ids, constant(20), constant(SILENT));
        // bob joins slightly louder, with jitter: alice 18..22, bob 16..20.
        run(6_000, 20, ids, t -> 18 + (t / 20) % 5, t -> 16 + (t / 40) % 5);
        assertThat(dominants).containsExactly(null, "alice");
        assertThat(ids()).containsExactly("alice", "bob");
    }

    @Test
    void aMuchLouderSpeakerTakesTheFloorAfterTheSwitchDelay() {
        String[] ids = {"alice", "bob"};
        run(2_000, 20, ids, constant(40), constant(SILENT));
        assertThat(ids()).containsExactly("alice");
        run(2_000, 20, ids, constant(40), constant(5));
        assertThat(ids()).containsExactly("bob", "alice");
        assertThat(dominants).containsExactly(null, "alice", "bob");
    }

    @Test
    void worksWithOneSamplePerReportingWindow() {
        String[] ids = {"alice", "bob"};
        run(2_000, 300, ids, constant(10), constant(SILENT));
        assertThat(ids()).containsExactly("alice");
        run(3_000, 300, ids, constant(SILENT), constant(12));
        assertThat(ids()).containsExactly("bob");
        assertThat(dominants).containsExactly(null, "alice", "bob");
    }

    @Test
    void voicelessSamplesCountTenDecibelsQuieter() {
        for (int i = 0; i < 100; i++) {
            now += 20;
            detector.onLevel("fan", 40, false, now); // -40 dBov of noise counts as -50 without voice
            detector.onLevel("talker", 40, true, now);
        }
        detector.update(now);
        assertThat(ids()).containsExactly("talker");
    }

    @Test
    void removedSpeakerLeavesTheRankingAtOnce() {
        run(1_000, 20, new String[] {"alice"}, constant(10));
        detector.remove("alice");
        assertThat(detector.update(now)).isTrue();
        assertThat(ids()).isEmpty();
    }
}
