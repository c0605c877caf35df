package io.mediamesh.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.proto.rtcp.fb.PacketStatus;
import io.mediamesh.proto.rtcp.fb.TransportWideCc;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BandwidthEstimatorTest {
    private static final long SECOND = 1_000_000;

    @Test
    void startsAtTheStartRate() {
        assertThat(new BandwidthEstimator(BweSettings.DEFAULT).estimateBps()).isEqualTo(300_000);
    }

    @Test
    void withoutTransportFeedbackRembIsTheEstimateClampedToTheLimits() {
        BandwidthEstimator estimator = new BandwidthEstimator(BweSettings.DEFAULT);
        assertThat(estimator.onRemb(1_250_000, 0)).isEqualTo(1_250_000);
        assertThat(estimator.onRemb(5_000, 1)).isEqualTo(30_000);
        assertThat(estimator.onRemb(50_000_000, 2)).isEqualTo(10_000_000);
    }

    @Test
    void rembCapsTheTransportWideEstimate() {
        BandwidthEstimator estimator = new BandwidthEstimator(BweSettings.DEFAULT);
        new BottleneckPath(estimator, t -> 5_000_000, 20_000, 300_000, 1200).run(20 * SECOND);
        assertThat(estimator.estimateBps()).isGreaterThan(1_000_000);
        estimator.onRemb(700_000, 20 * SECOND);
        assertThat(estimator.estimateBps()).isEqualTo(700_000);
        assertThat(estimator.delayBasedBps()).isGreaterThan(700_000);
    }

    @ParameterizedTest(name = "every {0}th packet lost on a 10 Mbps path: estimate after 20 s in [{1}, {2}] kbps")
    @CsvSource({
        "0,   1000, 10000", // clean path: grows (8 %/s from 300 kbps: about 1.3 Mbps after 20 s)
        "100, 800,  10000", // 1 %: still grows (a 20-packet window holding the one loss reads 5 % and holds)
        "5,   30,   100",   // 20 % loss: the loss-based rate halves the loss fraction away until the minimum
    })
    void lossBasedControlOnAPathWhereDelayDoesNotRise(int dropEvery, long minKbps, long maxKbps) {
        BandwidthEstimator estimator = new BandwidthEstimator(BweSettings.DEFAULT);
        new BottleneckPath(estimator, t -> 10_000_000, 20_000, 300_000, 1200).dropEvery(dropEvery).run(20 * SECOND);
        assertThat(estimator.estimateBps()).isBetween(minKbps * 1000, maxKbps * 1000);
        if (dropEvery > 0) {
            assertThat(estimator.lossFraction()).isCloseTo(1.0 / dropEvery, org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void feedbackForPacketsItNeverSentIsIgnored() {
        BandwidthEstimator estimator = new BandwidthEstimator(BweSettings.DEFAULT);
        estimator.onPacketSent(10, 1200, 0);
        TransportWideCc feedback = new TransportWideCc(1, 2, 5000, 0, 0,
                List.of(PacketStatus.received(5000, 4), PacketStatus.notReceived(5001)));
        assertThat(estimator.onTransportFeedback(feedback, 50_000)).isEqualTo(300_000);
        assertThat(estimator.lossFraction()).isZero();
    }

    @Test
    void theFeedbackRoundTripIsMeasured() {
        BandwidthEstimator estimator = new BandwidthEstimator(BweSettings.DEFAULT);
        new BottleneckPath(estimator, t -> 2_000_000, 30_000, 300_000, 1200).run(10 * SECOND);
        // 2 x 30 ms propagation + up to the 100 ms feedback interval
        assertThat(estimator.rttMicros()).isBetween(60_000L, 170_000L);
        assertThat(estimator.ackedBps()).isPositive();
    }
}
