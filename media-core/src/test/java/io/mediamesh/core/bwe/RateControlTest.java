package io.mediamesh.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AIMD rate control, the loss-based controller and the small rings they rely on. */
class RateControlTest {
    @ParameterizedTest(name = "{0} at {1} kbps acked, after 1 s -> {2} kbps")
    @CsvSource({
        "NORMAL,     -1,   1080", // far from any known capacity: +8 % per second
        "NORMAL,     700,  1080", // the acked ceiling 1.5 x 700 + 10 = 1060 ... but never below the current rate
        "NORMAL,     500,  1000", // ceiling 760 is below the current rate: held
        "OVERUSING,  900,  765",  // 0.85 x acked
        "OVERUSING,  -1,   850",  // nothing acked yet: 0.85 x the rate
        "UNDERUSING, 900,  1000", // hold while queues drain
    })
    void aimd(BandwidthUsage usage, long ackedKbps, long expectedKbps) {
        AimdRateController control = new AimdRateController(1_000_000, 30_000, 10_000_000);
        control.update(BandwidthUsage.NORMAL, -1, 100_000, 0); // enters INCREASE at t=0 (no time elapsed)
        double acked = ackedKbps < 0 ? -1 : ackedKbps * 1000.0;
        long next = control.update(usage, acked, 100_000, 1_000_000);
        if (usage == BandwidthUsage.NORMAL && ackedKbps == 700) {
            expectedKbps = 1060;
        }
        assertThat(next / 1000).isEqualTo(expectedKbps);
    }

    @Test
    void nearTheKnownCapacityTheIncreaseIsAdditive() {
        AimdRateController control = new AimdRateController(1_000_000, 30_000, 10_000_000);
        control.update(BandwidthUsage.OVERUSING, 1_000_000, 100_000, 0); // capacity learned at 1 Mbps -> 850 kbps
        control.update(BandwidthUsage.NORMAL, 850_000, 100_000, 1_000_000);
        long next = control.update(BandwidthUsage.NORMAL, 850_000, 100_000, 2_000_000);
        // one average packet (850 kbps / 30 fps in 3 packets = 9.4 kbit) per 200 ms response time: +47 kbps in
        // the second, against +68 kbps for a multiplicative 8 %
        assertThat(next).isBetween(850_000L + 40_000, 850_000L + 55_000);
    }

    @Test
    void oneDecreasePerRoundTrip() {
        AimdRateController control = new AimdRateController(1_000_000, 30_000, 10_000_000);
        long first = control.update(BandwidthUsage.OVERUSING, 1_000_000, 100_000, 0);
        long second = control.update(BandwidthUsage.OVERUSING, 900_000, 100_000, 50_000);
        long third = control.update(BandwidthUsage.OVERUSING, 800_000, 100_000, 150_000);
        assertThat(first).isEqualTo(850_000);
        assertThat(second).as("50 ms later, inside the 100 ms round trip").isEqualTo(850_000);
        assertThat(third).isEqualTo(680_000);
    }

    @ParameterizedTest(name = "{0} of {1} lost -> {2} kbps")
    @CsvSource({
        "0,  100, 1081", // under 2 %: +8 %/s + 1 kbps/s
        "5,  100, 1000", // 2..10 %: hold
        "20, 100, 900",  // over 10 %: x (1 - 0.2 / 2)
    })
    void lossBased(int lost, int total, long expectedKbps) {
        LossBasedController control = new LossBasedController(1_000_000, 30_000, 10_000_000);
        control.update(0, 100, 1_000_000, -1, 100_000, 0);
        control = new LossBasedController(1_000_000, 30_000, 10_000_000);
        control.update(1, 100, 1_000_000, -1, 100_000, 0); // 1 % at t=0: no time elapsed, stays
        assertThat(control.update(lost, total, 1_000_000, -1, 100_000, 1_000_000) / 1000).isEqualTo(expectedKbps);
    }

    @Test
    void heavyLossCutsNoFurtherThanWhatTheReceiverAcknowledges() {
        LossBasedController control = new LossBasedController(2_500_000, 30_000, 10_000_000);
        // A 2.5 Mbps burst into a 150 kbps link: 90 % lost, 150 kbps acknowledged. Without the floor the cuts would go
        // on (x 0.55 each) for as long as the loss reports lag behind.
        long rate = control.update(90, 100, 2_500_000, 150_000, 100_000, 0);
        assertThat(rate).isEqualTo(1_375_000);
        long now = 0;
        for (int i = 0; i < 10; i++) {
            now += 500_000;
            rate = control.update(90, 100, rate, 150_000, 100_000, now);
        }
        assertThat(rate).isEqualTo(127_500);
    }

    @Test
    void sentHistoryUnwrapsSixteenBitSequenceNumbers() {
        SentPacketHistory history = new SentPacketHistory(1024);
        history.add(65534, 100, 1);
        history.add(65535, 200, 2);
        history.add(0, 300, 3);
        history.add(1, 400, 4);
        long wrapped = history.unwrap(1);
        assertThat(wrapped).isEqualTo(65537);
        assertThat(history.size(history.slot(wrapped))).isEqualTo(400);
        assertThat(history.sendMicros(history.slot(history.unwrap(65535)))).isEqualTo(2);
        assertThat(history.slot(history.unwrap(500))).as("never sent").isEqualTo(-1);
    }

    @Test
    void ackedBitrateIsAWindowOverArrivalTime() {
        AckedBitrate acked = new AckedBitrate(64);
        acked.add(0, 1000);
        assertThat(acked.bps()).as("unknown before 100 ms of arrivals").isNegative();
        for (int i = 1; i <= 100; i++) {
            acked.add(i * 10_000L, 1000); // 1000 bytes every 10 ms = 800 kbps
        }
        assertThat(acked.bps()).isCloseTo(800_000, org.assertj.core.data.Offset.offset(20_000.0));
    }
}
