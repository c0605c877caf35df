package io.mediamesh.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.proto.rtcp.fb.PacketStatus;
import io.mediamesh.proto.rtcp.fb.TransportWideCc;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Arrival times in, transport-wide feedback out, as a sender's estimator reads it. */
class TransportFeedbackRecorderTest {
    private static final long T0 = 1_000_000_000L;

    @Test
    void reportsEveryArrivalWithDeltasFromTheReferenceTime() {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder();
        recorder.onPacket(100, T0);
        recorder.onPacket(101, T0 + 1_000);
        recorder.onPacket(102, T0 + 80_000);
        TransportWideCc feedback = recorder.build(1, 2);

        assertThat(feedback.baseSequenceNumber()).isEqualTo(100);
        assertThat(feedback.referenceTime()).isEqualTo(T0 / 64_000);
        assertThat(feedback.feedbackPacketCount()).isZero();
        assertThat(feedback.packets()).extracting(PacketStatus::symbol).containsExactly(
                PacketStatus.SMALL_DELTA, PacketStatus.SMALL_DELTA, PacketStatus.LARGE_DELTA);
        // Receive times rebuilt the way the sender does: reference time plus the running sum of deltas.
        long ticks = feedback.referenceTime() * 256;
        long[] rebuilt = new long[3];
        for (int i = 0; i < 3; i++) {
            ticks += feedback.packets().get(i).deltaTicks();
            rebuilt[i] = ticks * 250;
        }
        assertThat(rebuilt[1] - rebuilt[0]).isEqualTo(1_000);
        assertThat(rebuilt[2] - rebuilt[0]).isEqualTo(80_000);
        assertThat(recorder.build(1, 2)).as("nothing new").isNull();
    }

    @Test
    void gapsAreLostUnlessTheyComeLaterAndFeedbackCountsUp() {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder();
        recorder.onPacket(10, T0);
        recorder.onPacket(12, T0 + 2_000);
        recorder.onPacket(11, T0 + 2_500);  // reordered, still before the feedback: reported as received
        recorder.onPacket(15, T0 + 4_000);
        TransportWideCc first = recorder.build(1, 2);
        // In sequence order: 11 arrived 2.5 ms after 10, and 12 half a millisecond before 11 (a negative delta).
        assertThat(first.packets()).extracting(PacketStatus::symbol).containsExactly(1, 1, 2, 0, 0, 1);
        assertThat(first.packets().get(2).deltaTicks()).isEqualTo(-2);

        recorder.onPacket(13, T0 + 5_000);  // too late: 13 was reported lost
        recorder.onPacket(16, T0 + 6_000);
        TransportWideCc second = recorder.build(1, 2);
        assertThat(second.baseSequenceNumber()).isEqualTo(16);
        assertThat(second.packets()).hasSize(1);
        assertThat(second.feedbackPacketCount()).isEqualTo(1);
    }

    @Test
    void sequenceNumbersWrapAndTheFeedbackEncodesAndDecodes() {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder();
        for (int i = 0; i < 40; i++) {
            recorder.onPacket((65_520 + i) & 0xFFFF, T0 + i * 3_000L);
        }
        TransportWideCc feedback = recorder.build(0x11111111L, 0x22222222L);
        assertThat(feedback.baseSequenceNumber()).isEqualTo(65_520);
        assertThat(feedback.packets()).hasSize(40);
        assertThat(feedback.packets().get(39).sequenceNumber()).isEqualTo(23);

        ByteBuf wire = Unpooled.buffer();
        feedback.encode(wire);
        wire.skipBytes(4);
        TransportWideCc decoded = TransportWideCc.decode(wire.slice(wire.readerIndex(), feedback.encodedLength() - 4));
        assertThat(decoded.packets()).isEqualTo(feedback.packets());
        assertThat(decoded.referenceTime()).isEqualTo(feedback.referenceTime());
    }

    @Test
    void aLongFeedbackIsSplitAndNothingIsReportedTwice() {
        TransportFeedbackRecorder recorder = new TransportFeedbackRecorder();
        for (int i = 0; i < 700; i++) {
            recorder.onPacket(i, T0 + i * 100L);
        }
        int reported = 0;
        TransportWideCc feedback;
        while ((feedback = recorder.build(1, 2)) != null) {
            assertThat(feedback.baseSequenceNumber()).isEqualTo(reported);
            assertThat(feedback.packets()).hasSizeLessThanOrEqualTo(TransportFeedbackRecorder.MAX_STATUSES);
            reported += feedback.packets().size();
        }
        assertThat(reported).isEqualTo(700);
    }
}
