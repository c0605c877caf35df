package io.mediamesh.sip.media.dtmf;

import static io.mediamesh.testsupport.ByteVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.testsupport.FakeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DtmfDetectorTest {
    private final FakeClock clock = new FakeClock(1_000_000);
    private final DtmfDetector detector = new DtmfDetector(8000);
    private final List<DtmfDigit> digits = new ArrayList<>();

    /** Feeds one packet 20 ms after the previous one and collects what the detector reports (poll included). */
    private void packet(long timestamp, String payloadHex) {
        long now = clock.advance(20, TimeUnit.MILLISECONDS) / 1000;
        byte[] payload = hex(payloadHex);
        DtmfDigit digit = detector.onPacket(timestamp, payload, 0, payload.length, now);
        if (digit != null) {
            digits.add(digit);
        }
        tick();
    }

    private void tick() {
        DtmfDigit digit = detector.poll(clock.nowMillis());
        if (digit != null) {
            digits.add(digit);
        }
    }

    /** A press of '5' at timestamp 1000 as a phone sends it: 3 updates, then the end packet three times. */
    private void pressFive(long timestamp) {
        packet(timestamp, "05 0a 00 a0 // 160");
        packet(timestamp, "05 0a 01 40 // 320");
        packet(timestamp, "05 0a 01 e0 // 480");
        packet(timestamp, "05 8a 02 80 // E, 640 = 80 ms");
        packet(timestamp, "05 8a 02 80");
        packet(timestamp, "05 8a 02 80");
    }

    @Test
    void onePressWithItsThreeEndPacketsIsOneDigit() {
        pressFive(1000);
        assertThat(digits).containsExactly(new DtmfDigit(5, '5', 1000, 640, 80, true));
        assertThat(detector.inProgress()).isFalse();
    }

    @Test
    void theSameDigitPressedAgainIsASecondDigit() {
        pressFive(1000);
        packet(1000, "05 8a 02 80 // a very late fourth copy of the old end");
        pressFive(3000);
        assertThat(digits).extracting(DtmfDigit::digit, DtmfDigit::startTimestamp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple('5', 1000L),
                        org.assertj.core.groups.Tuple.tuple('5', 3000L));
    }

    @Test
    void aPressIsReportedOnlyAtItsEndWithItsDuration() {
        packet(160, "0b 0a 00 a0 // '#'");
        packet(160, "0b 0a 01 40");
        assertThat(digits).isEmpty();
        assertThat(detector.inProgress()).isTrue();
        packet(160, "0b 8a 0c 80 // E, 3200 = 400 ms");
        assertThat(digits).containsExactly(new DtmfDigit(11, '#', 160, 3200, 400, true));
    }

    @Test
    void lostEndPacketsAreClosedByTheNextEvent() {
        packet(1000, "01 0a 00 a0 // '1', no end packet ever arrives");
        packet(1000, "01 0a 01 40");
        packet(2000, "02 0a 00 a0 // '2' starts");
        assertThat(digits).containsExactly(new DtmfDigit(1, '1', 1000, 320, 40, false));
        packet(2000, "02 8a 01 40");
        packet(2000, "02 8a 01 40");
        assertThat(digits).hasSize(2);
        assertThat(digits.get(1)).isEqualTo(new DtmfDigit(2, '2', 2000, 320, 40, true));
    }

    @Test
    void lostEndPacketsAreClosedByTheTimeout() {
        packet(1000, "03 0a 00 a0");
        clock.advance(DtmfDetector.TIMEOUT_MILLIS - 10, TimeUnit.MILLISECONDS);
        tick();
        assertThat(digits).isEmpty();
        clock.advance(10, TimeUnit.MILLISECONDS);
        tick();
        assertThat(digits).containsExactly(new DtmfDigit(3, '3', 1000, 160, 20, false));
    }

    @Test
    void onlyTheEndPacketArrives() {
        packet(500, "0a 8a 03 20 // '*', E, 800");
        packet(500, "0a 8a 03 20");
        assertThat(digits).containsExactly(new DtmfDigit(10, '*', 500, 800, 100, true));
    }

    @Test
    void oneEndPacketClosingTwoPressesReportsBoth() {
        packet(1000, "07 0a 00 a0 // '7' without end");
        packet(2000, "08 8a 00 a0 // a short '8' whose only packet is an end");
        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('7', '8');
        packet(2000, "08 8a 00 a0");
        assertThat(digits).hasSize(2);
    }

    @Test
    void timestampsWrapAround() {
        pressFive(0xFFFFFF00L);
        pressFive(0x00000100L);
        assertThat(digits).extracting(DtmfDigit::startTimestamp).containsExactly(0xFFFFFF00L, 0x100L);
    }

    @Test
    void reorderedUpdateBeforeTheStartIsHarmless() {
        packet(1000, "06 0a 01 40 // the second update overtook the first");
        packet(1000, "06 0a 00 a0");
        packet(1000, "06 8a 01 e0");
        packet(1000, "06 8a 01 e0");
        assertThat(digits).containsExactly(new DtmfDigit(6, '6', 1000, 480, 60, true));
    }

    @Test
    void wideBandClockRate() {
        DtmfDetector wide = new DtmfDetector(48000);
        byte[] end = hex("04 8a 12 c0 // E, 4800 = 100 ms at 48 kHz");
        assertThat(wide.onPacket(7, end, 0, 4, 0).durationMillis()).isEqualTo(100);
        assertThat(wide.onPacket(7, end, 0, 4, 20)).isNull();
        wide.reset();
        assertThat(wide.onPacket(7, end, 0, 4, 40)).isNotNull();
    }
}
