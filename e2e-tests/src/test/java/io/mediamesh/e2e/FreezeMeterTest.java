package io.mediamesh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreezeMeterTest {

    @Test
    void steadyPlaybackHasOnlyTheShortGapsBetweenPosts() {
        FreezeMeter meter = new FreezeMeter(100, 5_000);
        for (int i = 1; i <= 10; i++) {
            meter.add(i * 100L, 5_000 + i * 100, 100 + 3 * i);
        }
        meter.finish(1_050);

        assertThat(meter.resumeMillis()).isEqualTo(100);
        assertThat(meter.freezeMillis()).isEqualTo(100);
        assertThat(meter.framesSinceFault()).isEqualTo(30);
    }

    @Test
    void theFirstFrameAfterTheLongestStallIsTheResume() {
        FreezeMeter meter = new FreezeMeter(100, 0);
        meter.add(100, 100, 103);
        meter.add(200, 200, 103);
        meter.add(2_900, 2_900, 103);
        meter.add(3_000, 3_000, 110);
        meter.add(3_100, 3_100, 113);
        meter.finish(3_150);

        assertThat(meter.resumeMillis()).isEqualTo(3_000);
        assertThat(meter.freezeMillis()).isEqualTo(2_900);
        assertThat(meter.describe()).contains("from 100 to 3000 ms");
    }

    @Test
    void aFreezeStillGoingOnAtTheEndMeansNotResumed() {
        FreezeMeter meter = new FreezeMeter(100, 0);
        meter.add(100, 100, 105);
        meter.add(5_000, 5_000, 105);
        meter.finish(10_000);

        assertThat(meter.resumeMillis()).isEqualTo(-1);
        assertThat(meter.framesSinceFault()).isEqualTo(5);
        assertThat(meter.describe())
                .startsWith("not resumed: no frame decoded from 100 ms after the fault until 10000 ms");
    }

    @Test
    void noFrameAtAllIsNotResumed() {
        FreezeMeter meter = new FreezeMeter(100, 0);
        meter.add(500, 500, 100);
        meter.finish(10_000);

        assertThat(meter.resumeMillis()).isEqualTo(-1);
        assertThat(meter.framesSinceFault()).isZero();
    }

    @Test
    void aPostThatOvertookANewerOneIsIgnored() {
        FreezeMeter meter = new FreezeMeter(100, 0);
        meter.add(100, 200, 106);
        // Sent before the previous post (page time 150) but arrived after it: its lower count is no stall.
        meter.add(110, 150, 103);
        meter.add(300, 300, 109);
        meter.finish(320);

        assertThat(meter.freezeMillis()).isEqualTo(200);
        assertThat(meter.framesSinceFault()).isEqualTo(9);
    }
}
