package io.mediamesh.core.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NackGeneratorTest {
    private final NackGenerator nacks = new NackGenerator();
    private final int[] out = new int[64];

    private int[] collect(long now) {
        return Arrays.copyOf(out, nacks.collect(now, out));
    }

    @Test
    void aGapIsAskedForAtOnceThenEveryRetryIntervalUntilItArrives() {
        nacks.onPacket(100, 0);
        assertThat(nacks.onPacket(103, 1_000)).isTrue();
        assertThat(collect(1_000)).containsExactly(101, 102);
        assertThat(collect(50_000)).as("not again before the retry interval").isEmpty();
        assertThat(nacks.onPacket(101, 60_000)).as("a late or retransmitted packet").isFalse();
        assertThat(collect(101_000)).containsExactly(102);
        nacks.onPacket(102, 120_000);
        assertThat(collect(300_000)).isEmpty();
        assertThat(nacks.missingCount()).isZero();
        assertThat(nacks.givenUp()).isZero();
    }

    @Test
    void givesUpAfterTheRetriesOrTheMaximumAge() {
        nacks.onPacket(1, 0);
        nacks.onPacket(3, 0);
        long now = 0;
        int asked = 0;
        for (int i = 0; i < 20; i++) {
            asked += collect(now).length;
            now += NackGenerator.RETRY_MICROS;
        }
        assertThat(asked).isEqualTo(NackGenerator.MAX_RETRIES);
        assertThat(nacks.givenUp()).isEqualTo(1);

        nacks.onPacket(6, now);
        assertThat(collect(now)).containsExactly(4, 5);
        assertThat(collect(now + NackGenerator.MAX_AGE_MICROS + 1)).as("too old to be useful").isEmpty();
        assertThat(nacks.missingCount()).isZero();
    }

    @Test
    void wrapsAroundAndForgetsJumpsTooLargeToBeLosses() {
        nacks.onPacket(65534, 0);
        nacks.onPacket(1, 0);
        assertThat(collect(0)).containsExactly(65535, 0);
        nacks.onPacket(65535, 0);
        nacks.onPacket(0, 0);
        nacks.onPacket(30_000, 0);
        assertThat(collect(200_000)).as("a jump of 30 000 is a restart, not 29 999 losses").isEmpty();
    }

    @Test
    void keepsTheNewestGapsWhenThereAreTooMany() {
        nacks.onPacket(0, 0);
        nacks.onPacket(NackGenerator.MAX_MISSING + 11, 0);
        assertThat(nacks.missingCount()).isEqualTo(NackGenerator.MAX_MISSING);
        assertThat(nacks.givenUp()).isEqualTo(10);
        int[] first = new int[1];
        nacks.collect(0, first);
        assertThat(first[0]).isEqualTo(11);
    }
}
