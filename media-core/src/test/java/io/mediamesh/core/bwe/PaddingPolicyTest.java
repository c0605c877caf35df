package io.mediamesh.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaddingPolicyTest {
    private static final long SECOND = 1_000_000;

    @Test
    void padsAQuarterAboveTheEstimateWhileTheReceiversWantMoreAndThePathIsClear() {
        PaddingPolicy policy = new PaddingPolicy();
        assertThat(policy.targetBps(400_000, 2_000_000, 0)).isEqualTo(500_000);
        assertThat(policy.targetBps(400_000, 450_000, 0)).as("never above what they want").isEqualTo(450_000);
        assertThat(policy.targetBps(400_000, 400_000, 0)).as("the estimate covers them").isZero();
        policy.onFeedback(BandwidthUsage.NORMAL, 0.01, SECOND);
        assertThat(policy.targetBps(400_000, 2_000_000, SECOND)).as("1 % loss is no congestion").isEqualTo(500_000);
        policy.onFeedback(BandwidthUsage.UNDERUSING, 0, SECOND);
        assertThat(policy.targetBps(400_000, 2_000_000, SECOND)).as("draining queues").isEqualTo(500_000);
    }

    @Test
    void overuseStopsPaddingUntilThePathWasClearForASecondAndAHalf() {
        PaddingPolicy policy = new PaddingPolicy();
        policy.onFeedback(BandwidthUsage.OVERUSING, 0, 10 * SECOND);
        assertThat(policy.targetBps(110_000, 700_000, 10 * SECOND)).isZero();
        policy.onFeedback(BandwidthUsage.NORMAL, 0, 11 * SECOND);
        assertThat(policy.targetBps(110_000, 700_000, 10 * SECOND + PaddingPolicy.CLEAR_MICROS - 1)).isZero();
        assertThat(policy.targetBps(110_000, 700_000, 10 * SECOND + PaddingPolicy.CLEAR_MICROS))
                .isEqualTo(137_500);
    }

    @Test
    void lossAboveTwoPercentIsCongestionToo() {
        PaddingPolicy policy = new PaddingPolicy();
        policy.onFeedback(BandwidthUsage.NORMAL, 0.05, 3 * SECOND);
        assertThat(policy.targetBps(110_000, 700_000, 4 * SECOND)).isZero();
        policy.onFeedback(BandwidthUsage.NORMAL, 0.03, 4 * SECOND);
        assertThat(policy.targetBps(110_000, 700_000, 5 * SECOND)).as("the clear time restarts at each signal")
                .isZero();
        assertThat(policy.targetBps(110_000, 700_000, 4 * SECOND + PaddingPolicy.CLEAR_MICROS)).isEqualTo(137_500);
    }
}
