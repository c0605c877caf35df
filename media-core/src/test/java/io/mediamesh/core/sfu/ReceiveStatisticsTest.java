package io.mediamesh.core.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.proto.rtcp.ReportBlock;
import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {

    @Test
    void countsLossAcrossASequenceWrap() {
        ReceiveStatistics stats = new ReceiveStatistics(0x1234, 90000);
        long t = 0;
        for (int seq : new int[] {65533, 65534, 65535, 1, 2, 3}) {
            stats.onPacket(seq, 0, t);
        }
        ReportBlock block = stats.report(1_000_000);
        assertThat(block.ssrc()).isEqualTo(0x1234);
        assertThat(block.extendedHighestSequence()).isEqualTo(0x10003);
        assertThat(block.cumulativeLost()).isEqualTo(1);
        assertThat(block.fractionLost()).isEqualTo((1 << 8) / 7);

        stats.onPacket(4, 0, t);
        assertThat(stats.report(2_000_000).fractionLost()).as("no loss in the second interval").isZero();
    }

    @Test
    void jitterStaysZeroForPerfectlyPacedPackets() {
        ReceiveStatistics stats = new ReceiveStatistics(1, 90000);
        for (int i = 0; i < 50; i++) {
            stats.onPacket(i, i * 3000L, i * 33_333L + 7);
        }
        assertThat(stats.report(2_000_000).jitter()).isLessThanOrEqualTo(1);
    }

    @Test
    void reportsDelaySinceTheLastSenderReport() {
        ReceiveStatistics stats = new ReceiveStatistics(1, 48000);
        stats.onPacket(1, 0, 0);
        stats.onSenderReport(0x1122_3344_5566_7788L, 1_000_000);
        ReportBlock block = stats.report(1_500_000);
        assertThat(block.lastSenderReport()).isEqualTo(0x3344_5566L);
        assertThat(block.delaySinceLastSenderReport()).isEqualTo(32768);
    }
}
