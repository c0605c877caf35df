package io.mediamesh.sip.media.dtmf;

import static io.mediamesh.testsupport.ByteVectors.hex;
import static io.mediamesh.testsupport.ByteVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TelephoneEventTest {

    @Test
    void parsesAnEndPacket() {
        // digit 9, E=1 R=0 volume 10, duration 1280 (160 ms at 8 kHz)
        byte[] payload = hex("09 8a 05 00");
        TelephoneEvent event = TelephoneEvent.parse(payload, 0, payload.length);
        assertThat(event).isEqualTo(new TelephoneEvent(9, true, 10, 1280));
        assertThat(TelephoneEvent.digitOf(event.event())).isEqualTo('9');
    }

    @Test
    void reservedBitIsIgnoredAndFieldsReadInPlace() {
        byte[] packet = hex("ff ff 0b 7f 00 ff // two bytes before the payload; R set, volume 63, duration 255");
        assertThat(TelephoneEvent.event(packet, 2)).isEqualTo(11);
        assertThat(TelephoneEvent.isEnd(packet, 2)).isFalse();
        assertThat(TelephoneEvent.volume(packet, 2)).isEqualTo(63);
        assertThat(TelephoneEvent.duration(packet, 2)).isEqualTo(255);
        assertThat(TelephoneEvent.parse(packet, 2, 4).event()).isEqualTo(11);
    }

    @Test
    void encodes() {
        assertThat(toHex(new TelephoneEvent(11, false, 10, 160).encode())).isEqualTo("0b0a00a0");
        assertThat(toHex(new TelephoneEvent(16, true, 0, 65535).encode())).isEqualTo("1080ffff");
        byte[] out = new byte[6];
        assertThat(new TelephoneEvent(1, true, 63, 800).encodeInto(out, 2)).isEqualTo(4);
        assertThat(toHex(out)).isEqualTo("000001bf0320");
    }

    @Test
    void digitTable() {
        assertThat("0123456789*#ABCD".chars().map(c -> TelephoneEvent.eventOf((char) c)))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(TelephoneEvent.eventOf('a')).isEqualTo(12);
        assertThat(TelephoneEvent.eventOf('x')).isEqualTo(-1);
        assertThat(TelephoneEvent.digitOf(TelephoneEvent.FLASH)).isEqualTo((char) 0);
    }

    @Test
    void rejectsShortPayloadsAndOutOfRangeFields() {
        assertThatThrownBy(() -> TelephoneEvent.parse(hex("01 02 03"), 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 0, 65536)).isInstanceOf(IllegalArgumentException.class);
    }
}
